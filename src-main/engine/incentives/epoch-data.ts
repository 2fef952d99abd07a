import type { EpochWindow } from './params';
import type { Bucket, ChargeRow, EvalRow, FeedbackRow, ObservationRow, ReviewRow, RewardInputs } from './reward-inputs';

/** What one epoch is computed from: records timed in it, all of them (provisional) or those its close lists (final). */
export interface EpochData {
  window: EpochWindow;
  /** Sorted by hash (the canonical order), like every list here. */
  charges: ChargeRow[];
  observations: ObservationRow[];
  feedback: FeedbackRow[];
  evals: EvalRow[];
  /** Timed in the epoch and held here but not in its close: excluded, counted for the transparency page. */
  late: { charges: number; fees: number; records: number };
  uncertified: number;
}

/** Lookups that verify a signal against the ledger as it stood for the epoch. */
export interface Verifier {
  /** A charge usable for this epoch: timed before the close, and in effect in the ledger (provisional) or in the close (final). */
  charge(hash: string, w: EpochWindow): ChargeRow | null;
  chargeForDecision(identity: string, modelId: string, decisionId: string, w: EpochWindow): ChargeRow | null;
  /** The reviewer's review of the model as it stood at the close (latest seq timed before it), if not retracted. */
  review(modelId: string, reviewer: string, w: EpochWindow): ReviewRow | null;
}

/**
 * Which records an epoch may read. Provisional (`fixed` null): every record held, charges that took
 * effect in the ledger; what the computation reads is collected in `read` (the list an epoch-close signs). Final:
 * exactly the records the epoch-close lists, whatever else arrived, early or late.
 */
export interface Admission {
  fixed: ReadonlySet<string> | null;
  isApplied: (hash: string) => boolean;
  read: Set<string>;
}

/** Sorted by hash: the keys alone sort natively (no comparator call per step), then map back. */
function byHash<T extends { hash: string }>(rows: T[]): T[] {
  const index = new Map(rows.map((r) => [r.hash, r]));
  return [...index.keys()].sort().map((h) => index.get(h)!);
}

/**
 * One epoch's inputs from its bucket: the admitted charges, observations signed under their
 * identity's certificate, each list sorted by hash, so whatever order or time the records arrived
 * in, the data comes out the same.
 */
export function epochData(bucket: Bucket | undefined, window: EpochWindow, inputs: RewardInputs, admit: Admission): EpochData {
  const data: EpochData = { window, charges: [], observations: [], feedback: [], evals: [], late: { charges: 0, fees: 0, records: 0 }, uncertified: 0 };
  if (!bucket) return data;
  const { fixed, isApplied, read } = admit;
  for (const row of bucket.charges) {
    if (fixed === null ? !isApplied(row.hash) : !fixed.has(row.hash)) {
      if (fixed === null) continue;
      data.late.charges++;
      data.late.fees += row.fee;
      data.late.records++;
    } else {
      data.charges.push(row);
      read.add(row.hash);
    }
  }
  const place = <T extends { hash: string }>(rows: readonly T[], into: T[], keep: (row: T) => boolean = () => true) => {
    for (const row of rows) {
      if (fixed !== null && !fixed.has(row.hash)) data.late.records++;
      else if (keep(row)) {
        into.push(row);
        read.add(row.hash);
      } else data.uncertified++;
    }
  };
  // A listed observation was certified at the treasury: a peer missing the certificate still counts it.
  place(bucket.observations, data.observations, (o) => fixed !== null || inputs.isCertified(o.identity, o.device));
  place(bucket.feedback, data.feedback);
  place(bucket.evals, data.evals);
  data.charges = byHash(data.charges);
  data.observations = byHash(data.observations);
  data.feedback = byHash(data.feedback);
  data.evals = byHash(data.evals);
  return data;
}

/**
 * Charges (any epoch up to the close) and reviews (as they stood at the close) for verifying signals,
 * under the epoch's admission. Every row a lookup settles on is read (a retracted latest review too:
 * a peer must see it is the latest), so a peer restricted to the read rows settles on the same ones.
 */
export function verifierOf(inputs: RewardInputs, admit: Admission): Verifier {
  const { fixed, isApplied, read } = admit;
  const admitted = (hash: string) => (fixed === null ? isApplied(hash) : fixed.has(hash));
  const usable = (row: ChargeRow | undefined, w: EpochWindow) => (row && row.ts < w.close && admitted(row.hash) ? row : null);
  const noted = <T extends { hash: string }>(row: T | null): T | null => {
    if (row) read.add(row.hash);
    return row;
  };
  return {
    charge: (hash, w) => noted(usable(inputs.charges.get(hash), w)),
    chargeForDecision: (identity, modelId, decisionId, w) => {
      let first: ChargeRow | null = null;
      for (const row of inputs.decisions.get(decisionId) ?? []) {
        if (row.identity !== identity || row.modelId !== modelId || !usable(row, w)) continue;
        if (!first || row.ts < first.ts || (row.ts === first.ts && row.hash < first.hash)) first = row;
      }
      return noted(first);
    },
    review: (modelId, reviewer, w) => {
      let latest: ReviewRow | null = null;
      for (const r of inputs.reviews.get(`${modelId}|${reviewer}`) ?? []) {
        if (r.ts >= w.close || (fixed !== null && !fixed.has(r.hash))) continue;
        if (!latest || r.seq > latest.seq || (r.seq === latest.seq && r.hash < latest.hash)) latest = r;
      }
      noted(latest);
      return latest && !latest.retracted ? latest : null;
    },
  };
}
