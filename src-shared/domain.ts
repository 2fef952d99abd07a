import { z } from 'zod';
import { ModelIdSchema, PublicKeySchema, TaskSchema } from './ids';
import { FeedbackBodySchema, MetricReportBodySchema, ReplyBodySchema, ReviewBodySchema } from './reviews';
import { LedgerCheckpointBodySchema, LedgerEntryBodySchema } from './ledger';
import { EpochCloseBodySchema, RewardClaimBodySchema } from './rewards';
import { MAX_PRICE_MICRO } from './money';

export { ModelIdSchema, PublicKeySchema, TaskSchema };

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit');

/** Tasks the demo and the UI know by name; listings may name others. */
export const KNOWN_TASKS = [
  'code',
  'legal',
  'medical',
  'finance',
  'translation',
  'support',
  'summarisation',
  'extraction',
  'chat',
  'classification',
] as const;

export const MODALITIES = ['text', 'text+image', 'audio', 'embedding'] as const;
export const ModalitySchema = z.enum(MODALITIES);

const micro = (label: string) =>
  z
    .number({ error: `${label} must be a number of micro-credits` })
    .int(`${label} must be a whole number of micro-credits`)
    .min(0, `${label} must not be negative`)
    .max(MAX_PRICE_MICRO, `${label} must be at most ${MAX_PRICE_MICRO} micro-credits`);

export const PriceSchema = z.strictObject({
  inputPer1M: micro('inputPer1M'),
  outputPer1M: micro('outputPer1M'),
  perRequest: micro('perRequest'),
});

/** Basis points (0..10,000) keep fractions integral: 9,150 bps = 91.5 %. */
export const BpsSchema = z.number().int().min(0).max(10_000);

export const ClaimedMetricsSchema = z.strictObject({
  accuracyBps: z.record(TaskSchema, BpsSchema),
  latencyP50Ms: z.number().int().min(0).max(600_000),
  latencyP95Ms: z.number().int().min(0).max(600_000),
  successRateBps: BpsSchema,
  throughputTps: z.number().int().min(0).max(1_000_000),
});

export const EndpointSchema = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500),
  model: z.string().min(1).max(200),
});

export const ListingBodySchema = z.strictObject({
  slug: SlugSchema,
  name: z.string().trim().min(1).max(120),
  description: z.string().max(4_000),
  tasks: z.array(TaskSchema).min(1).max(16),
  industries: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).max(16),
  modality: ModalitySchema,
  contextWindow: z.number().int().min(1).max(100_000_000),
  endpoint: EndpointSchema,
  version: z.string().min(1).max(40),
  claimed: ClaimedMetricsSchema,
  retired: z.boolean(),
});
export type ListingBody = z.infer<typeof ListingBodySchema>;

export const PriceBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  price: PriceSchema,
  effectiveFrom: z.number().int().min(0),
});
export type PriceBody = z.infer<typeof PriceBodySchema>;

export const ProfileBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(4_000),
  contact: z.string().max(200),
  website: z.string().max(300),
});
export type ProfileBody = z.infer<typeof ProfileBodySchema>;

export const MarketplaceConfigBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  feeBps: z.number().int().min(0).max(5_000),
  epochSeconds: z.number().int().min(60).max(366 * 86_400),
  graceSeconds: z.number().int().min(0).max(30 * 86_400),
});
export type MarketplaceConfigBody = z.infer<typeof MarketplaceConfigBodySchema>;

export const DeviceCertBodySchema = z.strictObject({
  deviceKey: PublicKeySchema,
  label: z.string().max(120),
});

/**
 * What a caller observed of one call, failures included (docs/architecture.md "Observations"): the source of
 * every peer's "measured" metrics. Signed by the caller's device key, subject `observations:<device>`.
 */
export const ObservationBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  task: TaskSchema,
  decisionId: z.string().min(1).max(100),
  identity: PublicKeySchema,
  ok: z.boolean(),
  failure: z.enum(['http-error', 'timeout', 'network', 'malformed']).optional(),
  latencyMs: z.number().int().min(0).max(3_600_000),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  usageEstimated: z.boolean(),
});
export type ObservationBody = z.infer<typeof ObservationBodySchema>;

/** The most records one batch signature may cover. */
export const MAX_BATCH_HASHES = 4_096;

/**
 * One signature over many of its author's records (docs/sync.md "Batch signatures"): the sha256 of
 * each record's bytes, in ascending order. Each record keeps its own signature too; a peer that holds
 * a valid batch needs no Ed25519 verify for the records it lists, which is most of a first sync's CPU.
 * Signed by the records' author, subject `batch:<first hash>` (unique per batch).
 */
export const BatchBodySchema = z.strictObject({
  hashes: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'))
    .min(1)
    .max(MAX_BATCH_HASHES),
});
export type BatchBody = z.infer<typeof BatchBodySchema>;

/** Every record kind that peers exchange, with the body it must carry. */
export const RECORD_BODIES = {
  'marketplace-config': MarketplaceConfigBodySchema,
  'device-cert': DeviceCertBodySchema,
  profile: ProfileBodySchema,
  listing: ListingBodySchema,
  price: PriceBodySchema,
  observation: ObservationBodySchema,
  'ledger-entry': LedgerEntryBodySchema,
  'ledger-checkpoint': LedgerCheckpointBodySchema,
  review: ReviewBodySchema,
  'review-reply': ReplyBodySchema,
  feedback: FeedbackBodySchema,
  'metric-report': MetricReportBodySchema,
  'reward-claim': RewardClaimBodySchema,
  'epoch-close': EpochCloseBodySchema,
  batch: BatchBodySchema,
} as const;
export type RecordKind = keyof typeof RECORD_BODIES;
export const RecordKindSchema = z.enum(Object.keys(RECORD_BODIES) as [RecordKind, ...RecordKind[]]);

/** The signed payload every record carries (signature ‖ canonical JSON of this). */
export const RecordPayloadSchema = z.strictObject({
  v: z.literal(1),
  kind: RecordKindSchema,
  author: PublicKeySchema,
  subject: z.string().min(1).max(200),
  seq: z.number().int().min(1),
  ts: z.number().int().min(0),
  body: z.unknown(),
});
export type RecordPayload = z.infer<typeof RecordPayloadSchema>;

export function producerOf(modelId: string): string {
  return modelId.slice(0, modelId.indexOf(':'));
}

export function modelIdOf(producerKey: string, slug: string): string {
  return `${producerKey}:${slug}`;
}
