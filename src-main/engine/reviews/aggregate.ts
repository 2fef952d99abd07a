/** Pure review arithmetic: burst holds and the Bayesian average (docs in README "Reviews"). */

export const BURST_WINDOW_MS = 60 * 60_000;
export const BURST_SIZE = 5;
export const FRESH_IDENTITY_MS = 24 * 60 * 60_000;
export const HOLD_MS = 72 * 60 * 60_000;
export const VERIFIED_WEIGHT_PCT = 100;
export const UNVERIFIED_WEIGHT_PCT = 20;
export const PRIOR_MEAN_X100 = 350;
export const PRIOR_WEIGHT_PCT = 300;

export interface Rated {
  key: string;
  rating: number;
  verified: boolean;
  receivedAt: number;
  /** When this engine first received any record of the reviewer's identity. */
  authorFirstSeen: number;
  ts: number;
}

/**
 * Reviews in a burst: at least BURST_SIZE reviews of one model from fresh identities (first seen
 * less than a day before their review arrived) received within one hour. Each is held out of the
 * aggregate until HOLD_MS after it was received. Returns key → heldUntil.
 */
export function burstHolds(reviews: readonly Rated[]): Map<string, number> {
  const fresh = reviews.filter((r) => r.receivedAt - r.authorFirstSeen < FRESH_IDENTITY_MS).sort((a, b) => a.receivedAt - b.receivedAt);
  const held = new Map<string, number>();
  let start = 0;
  for (let end = 0; end < fresh.length; end++) {
    while (fresh[end]!.receivedAt - fresh[start]!.receivedAt > BURST_WINDOW_MS) start++;
    if (end - start + 1 >= BURST_SIZE) {
      for (let i = start; i <= end; i++) held.set(fresh[i]!.key, fresh[i]!.receivedAt + HOLD_MS);
    }
  }
  return held;
}

export function weightPct(verified: boolean, heldUntil: number | null, now: number): number {
  if (heldUntil !== null && heldUntil > now) return 0;
  return verified ? VERIFIED_WEIGHT_PCT : UNVERIFIED_WEIGHT_PCT;
}

/** (prior weight × prior mean + Σ weight × rating) / (prior weight + Σ weight), ×100, rounded. */
export function bayesianAverageX100(items: ReadonlyArray<{ rating: number; weightPct: number }>): number | null {
  const counted = items.filter((i) => i.weightPct > 0);
  if (counted.length === 0) return null;
  const weight = counted.reduce((s, i) => s + i.weightPct, 0);
  const sum = counted.reduce((s, i) => s + i.weightPct * i.rating * 100, 0);
  return Math.round((PRIOR_WEIGHT_PCT * PRIOR_MEAN_X100 + sum) / (PRIOR_WEIGHT_PCT + weight));
}

export function meanX100(ratings: readonly number[]): number | null {
  return ratings.length === 0 ? null : Math.round((ratings.reduce((s, r) => s + r, 0) * 100) / ratings.length);
}
