import { z } from 'zod';
import { BpsSchema, ModalitySchema, ModelIdSchema, PriceSchema, PublicKeySchema, TaskSchema } from './domain';

/** Where a figure comes from; the UI shows it next to every metric. */
export const MetricSourceSchema = z.enum(['claimed', 'measured', 'reviews']);
export type MetricSource = z.infer<typeof MetricSourceSchema>;

const metric = <T extends z.ZodType>(value: T) => z.object({ value, source: MetricSourceSchema });

export const ModelMetricsSchema = z.object({
  accuracyBps: z.record(TaskSchema, metric(BpsSchema)),
  latencyP50Ms: metric(z.number().int()),
  latencyP95Ms: metric(z.number().int()),
  successRateBps: metric(BpsSchema),
  throughputTps: metric(z.number().int()),
  /** Average rating × 100 (e.g. 437 = 4.37 stars), or null before any review. */
  ratingX100: metric(z.number().int().nullable()),
  /** Distinct paying users; 0 before any call. */
  popularity: metric(z.number().int()),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

export const CatalogItemSchema = z.object({
  id: ModelIdSchema,
  producerKey: PublicKeySchema,
  producerName: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  tasks: z.array(TaskSchema),
  industries: z.array(z.string()),
  modality: ModalitySchema,
  contextWindow: z.number().int(),
  version: z.string(),
  endpoint: z.object({ baseUrl: z.string(), model: z.string() }),
  price: PriceSchema.nullable(),
  /** Cost in micro-credits of the reference call (1,000 input + 500 output tokens); null when unpriced. */
  referenceCost: z.number().int().nullable(),
  /** Best accuracy over the model's tasks, in basis points. */
  bestAccuracyBps: z.number().int(),
  /** The task bestAccuracyBps (and valueScore) is from; null when the model lists no accuracy. */
  bestTask: TaskSchema.nullable(),
  /** Quality per credit: accuracy bps × 1e6 / (reference cost + 1). Higher is better value. */
  valueScore: z.number().int(),
  metrics: ModelMetricsSchema,
  retired: z.boolean(),
  updatedAt: z.number().int(),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

/**
 * The accuracy and value a view shows for one model: the asked task's figures (`scope: 'task'`),
 * or without a task the model's best task's, named (`scope: 'best'`). Sorts use the same numbers.
 */
export const TaskFigureSchema = z.object({
  task: TaskSchema.nullable(),
  scope: z.enum(['task', 'best']),
  /** Accuracy on `task`, basis points (0 when the model has none for it). */
  accuracyBps: z.number().int(),
  accuracySource: MetricSourceSchema.nullable(),
  /** valueScore of that accuracy at the reference-call cost; 0 when unpriced. */
  valueScore: z.number().int(),
  /** 1 = best value among the task's active, priced models ("#3 of 10"); null when unpriced or retired. */
  valueRank: z.number().int().nullable(),
  /** How many active, priced models list `task` (the "of 10"). */
  valueOf: z.number().int(),
});
export type TaskFigure = z.infer<typeof TaskFigureSchema>;

export const CatalogRowSchema = CatalogItemSchema.extend({ figure: TaskFigureSchema });
export type CatalogRow = z.infer<typeof CatalogRowSchema>;

export const CATALOG_SORTS = ['value', 'price', 'accuracy', 'latency', 'rating', 'popularity', 'name', 'recent'] as const;
export const CatalogSortSchema = z.enum(CATALOG_SORTS);
export type CatalogSort = z.infer<typeof CatalogSortSchema>;

export const CatalogFiltersSchema = z.strictObject({
  task: TaskSchema.optional(),
  industry: z.string().max(32).optional(),
  producer: PublicKeySchema.optional(),
  /** Bounds on the reference-call cost, micro-credits. */
  minCost: z.number().int().min(0).optional(),
  maxCost: z.number().int().min(0).optional(),
  minAccuracyBps: BpsSchema.optional(),
  maxLatencyP95Ms: z.number().int().min(0).optional(),
  minRatingX100: z.number().int().min(0).max(500).optional(),
  measuredOnly: z.boolean().optional(),
  includeRetired: z.boolean().optional(),
});
export type CatalogFilters = z.infer<typeof CatalogFiltersSchema>;

export const CatalogListInputSchema = z.strictObject({
  query: z.string().max(200).optional(),
  filters: CatalogFiltersSchema.optional(),
  sort: CatalogSortSchema.optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type CatalogListInput = z.infer<typeof CatalogListInputSchema>;

export const CatalogListOutputSchema = z.object({
  total: z.number().int(),
  /** Each item with its figure for the filter's task (or its best task without one). */
  items: z.array(CatalogRowSchema),
});
