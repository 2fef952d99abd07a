import { z } from 'zod';
import { BpsSchema, ModelIdSchema, PublicKeySchema, TaskSchema } from './domain';
import { HashHexSchema } from './ledger';

export const STRATEGIES = ['best-value', 'cheapest', 'fastest', 'best-quality'] as const;
export const StrategySchema = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof StrategySchema>;

export const MessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(200_000),
});

const micro = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Hard constraints: a model that breaks one is excluded, never just ranked lower. */
export const ConstraintsSchema = z.strictObject({
  maxCostPerCall: micro.optional(),
  maxInputPer1M: micro.optional(),
  maxOutputPer1M: micro.optional(),
  minAccuracyBps: BpsSchema.optional(),
  maxLatencyP95Ms: z.number().int().min(1).max(600_000).optional(),
  measuredOnly: z.boolean().optional(),
  allowProducers: z.array(PublicKeySchema).max(100).optional(),
  denyProducers: z.array(PublicKeySchema).max(100).optional(),
  allowModels: z.array(ModelIdSchema).max(100).optional(),
  denyModels: z.array(ModelIdSchema).max(100).optional(),
  /** "Use this model": route to exactly this model, or fail. */
  pinnedModel: ModelIdSchema.optional(),
});
export type Constraints = z.infer<typeof ConstraintsSchema>;

export const CONSTRAINT_NAMES = [
  'task',
  'retired',
  'unpriced',
  'pinnedModel',
  'allowModels',
  'denyModels',
  'allowProducers',
  'denyProducers',
  'maxInputPer1M',
  'maxOutputPer1M',
  'maxCostPerCall',
  'minAccuracyBps',
  'maxLatencyP95Ms',
  'measuredOnly',
  'cooldown',
  'budget',
  'balance',
] as const;
export type ConstraintName = (typeof CONSTRAINT_NAMES)[number];

export const WeightsSchema = z.strictObject({
  quality: z.number().int().min(0).max(100),
  price: z.number().int().min(0).max(100),
  latency: z.number().int().min(0).max(100),
  reliability: z.number().int().min(0).max(100),
});
export type Weights = z.infer<typeof WeightsSchema>;

export const RouteInputSchema = z.strictObject({
  task: TaskSchema,
  messages: z.array(MessageSchema).min(1).max(200),
  constraints: ConstraintsSchema.optional(),
  strategy: StrategySchema.optional(),
  /** The answer's length limit: costs are estimated with it and it is sent as `max_tokens`. */
  expectedOutputTokens: z.number().int().min(1).max(100_000).optional(),
  /** The full per-model exclusion list (otherwise counts per constraint). */
  explainAll: z.boolean().optional(),
  stream: z.boolean().optional(),
});
export type RouteInput = z.infer<typeof RouteInputSchema>;

/** Output tokens a plan assumes when neither the caller nor learning gives a figure. */
export const DEFAULT_OUTPUT_TOKENS = 512;
/** Successful calls of a model on a task before their median output length replaces the default. */
export const MIN_LEARNED_OUTPUT = 5;

/**
 * Where a candidate's output-token figure comes from: the caller's `expectedOutputTokens`, the
 * median output of the model's recent successful calls on the task (`calls` of them seen), or the
 * default. `calls` counts those calls whatever the source, so a UI can say how close learning is.
 */
export const OutputEstimateSchema = z.object({
  outputTokens: z.number().int(),
  source: z.enum(['caller', 'learned', 'default']),
  calls: z.number().int(),
});
export type OutputEstimate = z.infer<typeof OutputEstimateSchema>;

/** Score parts are integers in per-mille (0..1000) of their weight's share; the score sums them. */
export const CandidateSchema = z.object({
  modelId: ModelIdSchema,
  name: z.string(),
  producerName: z.string(),
  estimatedCost: z.number().int(),
  qualityBps: z.number().int(),
  latencyP95Ms: z.number().int(),
  successRateBps: z.number().int(),
  parts: z.object({ quality: z.number().int(), price: z.number().int(), latency: z.number().int(), reliability: z.number().int() }),
  score: z.number().int(),
  explored: z.boolean(),
  sources: z.object({ quality: z.string(), latency: z.string(), reliability: z.string() }),
  output: OutputEstimateSchema,
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const PlanSchema = z.object({
  decisionId: z.string(),
  task: TaskSchema,
  strategy: StrategySchema,
  weights: WeightsSchema,
  /** The chosen candidate's token figures (each candidate's output figure is its own). */
  estimate: OutputEstimateSchema.extend({ inputTokens: z.number().int() }),
  chosen: CandidateSchema,
  candidates: z.array(CandidateSchema),
  considered: z.number().int(),
  excluded: z.record(z.string(), z.number().int()),
  excludedModels: z.array(z.object({ modelId: z.string(), constraint: z.string() })).optional(),
  decidedInMs: z.number(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const AttemptSchema = z.object({
  modelId: ModelIdSchema,
  try: z.number().int(),
  outcome: z.enum(['ok', 'http-error', 'timeout', 'network', 'malformed', 'cooldown']),
  status: z.number().int().nullable(),
  message: z.string().nullable(),
  latencyMs: z.number().int(),
});

export const CallResultSchema = z.object({
  decisionId: z.string(),
  plan: PlanSchema,
  modelId: ModelIdSchema,
  modelName: z.string(),
  content: z.string(),
  usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int(), estimated: z.boolean() }),
  latencyMs: z.number().int(),
  cost: z.number().int(),
  chargeHash: HashHexSchema,
  attempts: z.array(AttemptSchema),
  simulated: z.boolean(),
});
export type CallResult = z.infer<typeof CallResultSchema>;

export const BudgetsSchema = z.strictObject({
  dailyMicro: micro.nullable(),
  monthlyMicro: micro.nullable(),
});

export const RoutingSettingsSchema = z.strictObject({
  strategy: StrategySchema,
  weights: WeightsSchema,
  budgets: BudgetsSchema,
  timeoutMs: z.number().int().min(1_000).max(600_000),
  retries: z.number().int().min(0).max(5),
  maxFallbacks: z.number().int().min(0).max(10),
  explorationBps: BpsSchema,
});
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;

export const DecisionSchema = z.object({
  decisionId: z.string(),
  ts: z.number().int(),
  task: TaskSchema,
  strategy: StrategySchema,
  chosen: z.string(),
  answeredBy: z.string().nullable(),
  ok: z.boolean(),
  cost: z.number().int(),
  latencyMs: z.number().int(),
  chargeHash: z.string().nullable(),
  error: z.string().nullable(),
  prompt: z.string(),
});
