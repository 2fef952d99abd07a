import { z } from 'zod';
import { CatalogRowSchema } from './catalog';
import { ListingBodySchema, ModelIdSchema, PriceSchema, ProfileBodySchema, PublicKeySchema, TaskSchema } from './domain';
import { HashHexSchema } from './ledger';

/** models.publish: the listing fields; the producer is always the local identity. */
export const PublishInputSchema = ListingBodySchema.omit({ retired: true }).extend({ price: PriceSchema.optional() }).strict();

export const PriceChangeSchema = z.object({
  modelId: ModelIdSchema,
  seq: z.number().int(),
  ts: z.number().int(),
  effectiveFrom: z.number().int(),
  price: PriceSchema,
  referenceCost: z.number().int(),
  hash: HashHexSchema,
  /** In force now (the latest change whose effectiveFrom has come). */
  current: z.boolean(),
});
export type PriceChange = z.infer<typeof PriceChangeSchema>;

export const PricingSetInputSchema = z.strictObject({
  modelId: ModelIdSchema,
  price: PriceSchema,
  effectiveFrom: z.number().int().min(0).optional(),
});

const MarketPointSchema = z.object({ id: z.string(), name: z.string(), cost: z.number().int(), accuracyBps: z.number().int() });

export const PositionSchema = z.object({
  modelId: ModelIdSchema,
  task: TaskSchema,
  price: PriceSchema.nullable(),
  referenceCost: z.number().int().nullable(),
  accuracyBps: z.number().int(),
  valueScore: z.number().int(),
  /** Value-score rank among the task's priced, active models (1 = best value). */
  valueRank: z.number().int().nullable(),
  competitors: z.number().int(),
  quartiles: z.object({ min: z.number().int(), q1: z.number().int(), median: z.number().int(), q3: z.number().int(), max: z.number().int() }).nullable(),
  frontier: z.array(MarketPointSchema),
  dominated: z.boolean(),
  dominatedBy: z.array(MarketPointSchema),
  /** Highest reference cost that keeps the model on the frontier; null = any price does. */
  maxFrontierCost: z.number().int().nullable(),
  candidate: z
    .object({
      price: PriceSchema,
      referenceCost: z.number().int(),
      valueScore: z.number().int(),
      valueRank: z.number().int(),
      dominated: z.boolean(),
      dominatedBy: z.array(MarketPointSchema),
      quartile: z.enum(['below q1', 'q1-median', 'median-q3', 'above q3']).nullable(),
    })
    .nullable(),
  /** Other models of the task for a scatter chart (frontier first, then a sample), at most 300. */
  points: z.array(MarketPointSchema.extend({ onFrontier: z.boolean() })),
});
export type Position = z.infer<typeof PositionSchema>;

export const WorkloadSchema = z.strictObject({
  inputTokens: z.number().int().min(0).max(10_000_000),
  outputTokens: z.number().int().min(0).max(10_000_000),
  requestsPerMonth: z.number().int().min(0).max(1_000_000_000),
});

export const CompareInputSchema = z.strictObject({
  ids: z.array(ModelIdSchema).min(2, 'compare at least 2 models').max(6, 'compare at most 6 models'),
  task: TaskSchema.optional(),
  workload: WorkloadSchema.optional(),
});

export const CompareRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  values: z.array(z.number().int().nullable()),
  sources: z.array(z.string().nullable()),
  /** Indexes of the best value(s) in this row. */
  best: z.array(z.number().int()),
});

export const CompareOutputSchema = z.object({
  task: TaskSchema,
  /** The compared models, each with its figure for the comparison's task. */
  models: z.array(CatalogRowSchema),
  rows: z.array(CompareRowSchema),
  workload: WorkloadSchema.extend({
    perRequest: z.array(z.number().int().nullable()),
    perMonth: z.array(z.number().int().nullable()),
    cheapest: z.array(z.number().int()),
  }),
  scatter: z.object({
    points: z.array(MarketPointSchema.extend({ onFrontier: z.boolean(), compared: z.boolean() })),
    frontier: z.array(z.string()),
  }),
});
export type CompareOutput = z.infer<typeof CompareOutputSchema>;

export const ProducerSchema = z.object({
  producerKey: PublicKeySchema,
  profile: ProfileBodySchema.nullable(),
  models: z.number().int(),
  isMe: z.boolean(),
});
