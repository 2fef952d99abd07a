import { z } from 'zod';
import { HashHexSchema, ModelIdSchema, PublicKeySchema, TaskSchema } from './ids';

export const MAX_REVIEW_TEXT = 4_000;

/**
 * A review (record kind `review`, subject `review:<modelId>`, signed by the reviewer's identity):
 * one per reviewer and model; an edit is a higher seq, a retraction a higher seq with retracted.
 */
export const ReviewBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  rating: z.number().int().min(1, 'rating is 1 to 5 stars').max(5, 'rating is 1 to 5 stars'),
  text: z.string().max(MAX_REVIEW_TEXT, `at most ${MAX_REVIEW_TEXT} characters`),
  task: TaskSchema.optional(),
  /** Hash of the reviewer's ledger charge for this model: makes the review "verified usage". */
  chargeHash: HashHexSchema.optional(),
  retracted: z.boolean(),
});
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

/** A producer's reply (kind `review-reply`, subject `reply:<modelId>:<reviewer>`). */
export const ReplyBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  reviewer: PublicKeySchema,
  text: z.string().min(1).max(MAX_REVIEW_TEXT),
});
export type ReplyBody = z.infer<typeof ReplyBodySchema>;

/** Quick feedback on one routed call (kind `feedback`, subject `feedback:<author>`). */
export const FeedbackBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  task: TaskSchema,
  decisionId: z.string().min(1).max(100),
  up: z.boolean(),
  note: z.string().max(500).optional(),
});
export type FeedbackBody = z.infer<typeof FeedbackBodySchema>;

/** An evaluation run's result (kind `metric-report`, subject `eval:<modelId>:<task>`). */
export const MetricReportBodySchema = z.strictObject({
  modelId: ModelIdSchema,
  task: TaskSchema,
  suite: z.string().min(1).max(80),
  cases: z.number().int().min(1).max(1_000),
  passed: z.number().int().min(0).max(1_000),
  accuracyBps: z.number().int().min(0).max(10_000),
  /** The ledger charges that paid for the run's calls. */
  chargeHashes: z.array(HashHexSchema).max(1_000),
  latencyP50Ms: z.number().int().min(0),
});
export type MetricReportBody = z.infer<typeof MetricReportBodySchema>;

export const ReviewViewSchema = z.object({
  hash: HashHexSchema,
  modelId: ModelIdSchema,
  reviewer: PublicKeySchema,
  rating: z.number().int(),
  text: z.string(),
  task: z.string().nullable(),
  chargeHash: z.string().nullable(),
  verified: z.boolean(),
  /** Held out of the aggregate (burst from fresh identities) until this time; null = counted. */
  heldUntil: z.number().int().nullable(),
  weightPct: z.number().int(),
  seq: z.number().int(),
  ts: z.number().int(),
  receivedAt: z.number().int(),
  edited: z.boolean(),
  reply: z.object({ text: z.string(), ts: z.number().int(), hash: HashHexSchema }).nullable(),
  mine: z.boolean(),
});
export type ReviewView = z.infer<typeof ReviewViewSchema>;

export const ReviewSummarySchema = z.object({
  modelId: ModelIdSchema,
  task: z.string().nullable(),
  count: z.number().int(),
  verified: z.number().int(),
  held: z.number().int(),
  /** Bayesian average × 100 (verified reviews weigh 1, unverified 0.2, held 0); null = no counted review. */
  averageX100: z.number().int().nullable(),
  /** Plain mean of the counted ratings × 100, for comparison. */
  meanX100: z.number().int().nullable(),
  histogram: z.array(z.number().int()).length(5),
  trend: z.object({ last30X100: z.number().int().nullable(), previous30X100: z.number().int().nullable() }),
  feedback: z.object({ up: z.number().int(), down: z.number().int() }),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

export const MetricReportViewSchema = z.object({
  hash: HashHexSchema,
  modelId: ModelIdSchema,
  task: TaskSchema,
  evaluator: PublicKeySchema,
  source: z.enum(['measured', 'claimed']),
  /**
   * counted: moves the measured accuracy (paid by its reporter, one charge per case); claimed: by the
   * producer's party; pending: charges not received yet; unpaid: charges missing, someone else's, for
   * another model or backing another report; held: dated ahead of this peer's clock.
   */
  standing: z.enum(['counted', 'claimed', 'pending', 'unpaid', 'held']),
  /** Why it does not count; null when counted. */
  standingReason: z.string().nullable(),
  suite: z.string(),
  cases: z.number().int(),
  passed: z.number().int(),
  accuracyBps: z.number().int(),
  latencyP50Ms: z.number().int(),
  ts: z.number().int(),
});
