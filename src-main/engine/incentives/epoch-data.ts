import type { EpochWindow } from './params';
import type { Bucket, ChargeRow, EvalRow, FeedbackRow, ObservationRow, ReviewRow, RewardInputs } from './reward-inputs';

/** What one epoch is computed from: records timed in it and received here before its finalAt. */
export interface EpochData {
  window: EpochWindow;
  /** Sorted by hash (the canonical order), like every list here. */
  charges: ChargeRow[];
  observations: ObservationRow[];
  feedback: FeedbackRow[];
  evals: EvalRow[];
  /** Timed in the epoch but received after finalAt: excluded, counted for the transparency page. */
  late: { charges: number; fees: number; records: number };
  uncertified: number;
}

/** Lookups that verify a signal against the ledger as it stood for the epoch. */
export interface Verifier {
  /** A charge usable for this epoch: in a valid chain, timed before the close, received before finalAt. */
  charge(hash: string, w: EpochWindow): ChargeRow | null;
  chargeForDecision(identity: string, modelId: string, decisionId: string, w: EpochWindow): ChargeRow | null;
  /** The reviewer's review of the model as it stood at the close (latest seq received in time), if not retracted. */
  review(modelId: string, reviewer: string, w: EpochWindow): ReviewRow | null;
}

/** Sorted by hash: the keys alone sort natively (no comparator call per step), then map back. */
function byHash<T extends { hash: string }>(rows: T[]): T[] {
  const index = new Map(rows.map((r) => [r.hash, r]));
  return [...index.keys()].sort().map((h) => index.get(h)!);
}

/**
 * One epoch's inputs from its bucket: charges that took effect in a valid ledger chain, records
 * received in time, observations signed under their identity's certificate, each list sorted by
 * hash, so whatever order the records arrived in, the data comes out the same.
 */
export function epochData(bucket: Bucket | undefined, window: EpochWindow, inputs: RewardInputs, isApplied: (hash: string) => boolean): EpochData {
  const data: EpochData = { window, charges: [], observations: [], feedback: [], evals: [], late: { charges: 0, fees: 0, records: 0 }, uncertified: 0 };
  if (!bucket) return data;
  for (const row of bucket.charges) {
    if (!isApplied(row.hash)) continue;
    if (row.rx <= window.finalAt) data.charges.push(row);
    else {
      data.late.charges++;
      data.late.fees += row.fee;
      data.late.records++;
    }
  }
  const place = <T extends { rx: number }>(rows: readonly T[], into: T[], keep: (row: T) => boolean = () => true) => {
    for (const row of rows) {
      if (row.rx > window.finalAt) data.late.records++;
      else if (keep(row)) into.push(row);
      else data.uncertified++;
    }
  };
  place(bucket.observations, data.observations, (o) => inputs.isCertified(o.identity, o.device));
  place(bucket.feedback, data.feedback);
  place(bucket.evals, data.evals);
  data.charges = byHash(data.charges);
  data.observations = byHash(data.observations);
  data.feedback = byHash(data.feedback);
  data.evals = byHash(data.evals);
  return data;
}

/** Charges (any epoch up to the close) and reviews (as they stood at the close) for verifying signals. */
export function verifierOf(inputs: RewardInputs, isApplied: (hash: string) => boolean): Verifier {
  const usable = (row: ChargeRow | undefined, w: EpochWindow) => (row && row.ts < w.close && row.rx <= w.finalAt && isApplied(row.hash) ? row : null);
  return {
    charge: (hash, w) => usable(inputs.charges.get(hash), w),
    chargeForDecision: (identity, modelId, decisionId, w) => {
      let first: ChargeRow | null = null;
      for (const row of inputs.decisions.get(decisionId) ?? []) {
        if (row.identity !== identity || row.modelId !== modelId || !usable(row, w)) continue;
        if (!first || row.ts < first.ts || (row.ts === first.ts && row.hash < first.hash)) first = row;
      }
      return first;
    },
    review: (modelId, reviewer, w) => {
      let latest: ReviewRow | null = null;
      for (const r of inputs.reviews.get(`${modelId}|${reviewer}`) ?? []) {
        if (r.ts >= w.close || r.rx > w.finalAt) continue;
        if (!latest || r.seq > latest.seq || (r.seq === latest.seq && r.hash < latest.hash)) latest = r;
      }
      return latest && !latest.retracted ? latest : null;
    },
  };
}
