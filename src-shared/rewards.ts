import { z } from 'zod';
import { HashHexSchema, ModelIdSchema, PublicKeySchema, TaskSchema } from './ids';

// Imports only ./ids: domain.ts imports the claim body from here (RECORD_BODIES), and a
// domain ↔ rewards import cycle would break at module load (as ids.ts explains for the ledger).

/**
 * A producer's reward for one epoch (record kind `reward-claim`, subject `reward:<epoch>:<producerKey>`,
 * signed by the producer's identity). Not a ledger entry: peers recompute the epoch and count the
 * claim in balances (pool:rewards → producer:<key>) only if amount and resultHash match.
 */
export const RewardClaimBodySchema = z.strictObject({
  epoch: z.number().int().min(0),
  amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  resultHash: HashHexSchema,
});
export type RewardClaimBody = z.infer<typeof RewardClaimBodySchema>;

export const rewardSubject = (epoch: number, producerKey: string): string => `reward:${epoch}:${producerKey}`;

/** The most input hashes one epoch-close part lists (a larger epoch is closed in several parts). */
export const MAX_CLOSE_HASHES = 4_096;

/**
 * The treasury's record that fixes an epoch's inputs (record kind `epoch-close`, subject
 * `epoch-close:<epoch>:<part>`, docs/incentives.md "Epoch close"): the hashes of every record the
 * epoch's computation reads, ascending, split into `parts` of at most MAX_CLOSE_HASHES; `count` and the
 * RFC 9162 Merkle `root` cover all of them; `carryIn` is the remainder carried in from the previous
 * closed epoch. Every peer computes a closed epoch from exactly these records, whenever they arrived.
 */
export const EpochCloseBodySchema = z.strictObject({
  epoch: z.number().int().min(0).max(2 ** 40),
  carryIn: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  count: z.number().int().min(1).max(2 ** 24),
  root: HashHexSchema,
  part: z.number().int().min(0),
  parts: z.number().int().min(1).max(2 ** 12),
  hashes: z.array(HashHexSchema).min(1).max(MAX_CLOSE_HASHES),
});
export type EpochCloseBody = z.infer<typeof EpochCloseBodySchema>;

export const epochCloseSubject = (epoch: number, part: number): string => `epoch-close:${epoch}:${part}`;

/** What makes an epoch-close unacceptable from the record alone (the door's authority check), or null. */
export function epochCloseViolation(author: string, subject: string, body: EpochCloseBody, marketplaceId: string | null): string | null {
  if (marketplaceId !== null && author !== marketplaceId) return `epoch-close signed by ${author}, not by the treasury ${marketplaceId}`;
  if (subject !== epochCloseSubject(body.epoch, body.part)) return 'epoch-close subject must be epoch-close:<epoch>:<part>';
  if (body.part >= body.parts) return 'epoch-close part must be below its parts';
  if (body.count > body.parts * MAX_CLOSE_HASHES) return 'epoch-close parts cannot hold its count of hashes';
  for (let i = 1; i < body.hashes.length; i++) if (body.hashes[i - 1]! >= body.hashes[i]!) return 'epoch-close hashes must be unique and in ascending order';
  return null;
}

const int = z.number().int();

/** The formula's parameters, shown with every result so a page can print the formula with them. */
export const RewardParamsSchema = z.object({
  weights: z.object({ quality: int, latency: int, reliability: int }),
  priorVote: int,
  priorWeight: int,
  minPayers: int,
  minOkObservations: int,
});
export type RewardParams = z.infer<typeof RewardParamsSchema>;

export const ClaimStatusSchema = z.enum(['valid', 'quarantined', 'pending']);

export const ClaimViewSchema = z.object({
  hash: HashHexSchema,
  producerKey: PublicKeySchema,
  epoch: int,
  amount: int,
  resultHash: HashHexSchema,
  seq: int,
  ts: int,
  /** valid: counted in balances; quarantined: never counted (see reason); pending: epoch not final here yet. */
  status: ClaimStatusSchema,
  reason: z.string().nullable(),
  mine: z.boolean(),
});
export type ClaimView = z.infer<typeof ClaimViewSchema>;

export const EpochSummarySchema = z.object({
  epoch: int,
  /** [start, close): records timed in it count; the treasury closes the epoch from finalAt = close + grace on. */
  start: int,
  close: int,
  finalAt: int,
  /** Computed from exactly the records the treasury's epoch-close lists, all held here: claimable. */
  final: z.boolean(),
  /** provisional: no epoch-close here yet; incomplete: closed, `missing` of its `count` records not here yet. */
  inputs: z.object({ state: z.enum(['provisional', 'incomplete', 'final']), root: HashHexSchema.nullable(), count: int, missing: int }),
  charges: int,
  /** Fees of the epoch's charges (what flowed into pool:rewards). */
  inflow: int,
  carryIn: int,
  distributable: int,
  /** Sum of the computed rewards; paid + carryOut = distributable, exactly. */
  paid: int,
  carryOut: int,
  /** Charges timed in the epoch held here but not in its close (late or backdated): excluded, their fees stay in the pool, unallocated. */
  lateCharges: int,
  lateFees: int,
  rewarded: int,
  resultHash: HashHexSchema,
  claimed: int,
  claims: z.array(ClaimViewSchema),
  /** The local identity as a producer in this epoch. */
  mine: z.object({
    amount: int,
    state: z.enum(['claimable', 'claimed', 'not-final', 'nothing']),
    why: z.array(z.string()),
  }),
});
export type EpochSummary = z.infer<typeof EpochSummarySchema>;

export const RaterViewSchema = z.object({
  identity: PublicKeySchema,
  calls: int,
  /** min(calls, median calls of the other payers): the rater's stake in the vote. */
  weight: int,
  callsClipped: z.boolean(),
  /** Mean of the rater's own signals in per-mille (null: gave none). */
  vote: int.nullable(),
  /** The vote clipped at the model's consensus (Yuma). */
  clippedVote: int.nullable(),
  reviewStars: int.nullable(),
  feedbackUp: int,
  feedbackDown: int,
  evalBps: int.nullable(),
  observations: int,
  /** min(observations, median of the other observers'): how many counted. */
  observationsCounted: int,
});

export const ModelScoreSchema = z.object({
  modelId: ModelIdSchema,
  name: z.string().nullable(),
  producerKey: PublicKeySchema,
  payers: int,
  calls: int,
  voters: int,
  consensus: int,
  quality: int,
  latency: z.object({ part: int, task: TaskSchema.nullable(), medianMs: int.nullable(), taskMedianMs: int.nullable() }),
  reliability: z.object({ part: int, ok: int, counted: int }),
  perf: int,
  score: int,
  why: z.array(z.string()),
  raters: z.array(RaterViewSchema),
  ratersTotal: int,
});
export type ModelScore = z.infer<typeof ModelScoreSchema>;

export const ProducerScoreSchema = z.object({
  producerKey: PublicKeySchema,
  name: z.string().nullable(),
  payers: int,
  okObservations: int,
  qualified: z.boolean(),
  /** Its models' parts averaged by their payers (per-mille); popularity = distinct paying users. */
  parts: z.object({ quality: int, latency: int, reliability: int, popularity: int }),
  score: int,
  /** Share of the epoch's total score, parts per million. */
  sharePpm: int,
  amount: int,
  why: z.array(z.string()),
  models: z.array(ModelIdSchema),
});

export const EpochComputationSchema = z.object({
  summary: EpochSummarySchema,
  params: RewardParamsSchema,
  /** The signed marketplace config the epoch was cut and funded with: fee rate, epoch length, grace. */
  marketplace: z.object({ feeBps: int, epochSeconds: int, graceSeconds: int }),
  formula: z.array(z.string()),
  inputsDigest: HashHexSchema,
  totalScore: int,
  producers: z.array(ProducerScoreSchema),
  models: z.array(ModelScoreSchema),
  tasks: z.array(z.object({ task: TaskSchema, medianLatencyMs: int, observations: int })),
  ignored: z.object({ ownCalls: int, ownSignals: int, unpaidSignals: int, lateRecords: int, uncertifiedObservations: int }),
});
export type EpochComputation = z.infer<typeof EpochComputationSchema>;

export const LeaderboardSchema = z.object({
  task: TaskSchema,
  epoch: int.nullable(),
  final: z.boolean(),
  models: z.array(
    z.object({
      rank: int,
      modelId: ModelIdSchema,
      name: z.string().nullable(),
      producerKey: PublicKeySchema,
      producerName: z.string().nullable(),
      payers: int,
      quality: int,
      latency: int,
      reliability: int,
      perf: int,
      score: int,
      qualified: z.boolean(),
    }),
  ),
  producers: z.array(z.object({ producerKey: PublicKeySchema, name: z.string().nullable(), score: int, amount: int, models: int })),
});

const PriceShape = z.object({ inputPer1M: int, outputPer1M: int, perRequest: int });
const StandingSchema = z.object({
  price: PriceShape.nullable(),
  referenceCost: int.nullable(),
  valueScore: int,
  valueRank: int.nullable(),
  dominated: z.boolean(),
  /** Replayed workload calls this model would win, of `workload.samples`. */
  chosen: int,
  sharePpm: int,
  revenuePerEpoch: int,
  projectedReward: int,
});

export const ProjectionSchema = z.object({
  modelId: ModelIdSchema,
  task: TaskSchema,
  accuracyBps: int,
  competitors: int,
  maxFrontierCost: int.nullable(),
  current: StandingSchema,
  candidate: StandingSchema,
  workload: z.object({ samples: int, from: int.nullable(), to: int.nullable(), callsPerEpoch: int, payersPerEpoch: int }),
  basis: z.object({ epoch: int.nullable(), perf: int, totalScore: int, distributable: int, amount: int }),
  notes: z.array(z.string()),
});
export type Projection = z.infer<typeof ProjectionSchema>;

export const RewardEpochsSchema = z.object({
  marketplaceId: PublicKeySchema.nullable(),
  epochSeconds: int.nullable(),
  graceSeconds: int.nullable(),
  now: int,
  params: RewardParamsSchema,
  /** The local identity (as a producer it claims its own rewards). */
  me: PublicKeySchema,
  pool: z.object({
    /** pool:rewards now: every fee received minus the valid claims. */
    balance: int,
    /** Computed for final epochs but not (validly) claimed yet. */
    unclaimed: int,
    /** Remainder carried out of the newest epoch listed. */
    carried: int,
  }),
  total: int,
  epochs: z.array(EpochSummarySchema),
});
