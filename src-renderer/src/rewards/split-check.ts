import type { EpochComputation } from '../../../src-shared/rewards';

export interface SplitRow {
  producerKey: string;
  name: string | null;
  score: number;
  amount: number;
  /** ⌊D × score / total score⌋ recomputed here in BigInt. */
  expected: number;
  matches: boolean;
}

export interface SplitCheck {
  inflow: number;
  carryIn: number;
  /** D = inflow + carryIn: what the epoch had to split. */
  distributable: number;
  totalScore: number;
  /** Σ of the producers' amounts as listed. */
  paidSum: number;
  carryOut: number;
  rows: SplitRow[];
  /** Σ paid + carried out = inflow + carried in exactly, Σ paid is the engine's, every amount recomputes. */
  holds: boolean;
}

/**
 * The page's own check of the engine's split, from the figures the engine returned: every
 * producer's amount recomputed as an integer floor, and the sum that must account for the pool to
 * the micro-credit. BigInt, because D × score can pass 2^53 even when both fit.
 */
export function splitCheck(c: EpochComputation): SplitCheck {
  const { inflow, carryIn, carryOut, paid } = c.summary;
  const distributable = inflow + carryIn;
  const total = BigInt(c.totalScore);
  const rows = c.producers.map((p) => {
    const expected = total === 0n ? 0 : Number((BigInt(distributable) * BigInt(p.score)) / total);
    return { producerKey: p.producerKey, name: p.name, score: p.score, amount: p.amount, expected, matches: expected === p.amount };
  });
  const paidSum = Number(rows.reduce((sum, r) => sum + BigInt(r.amount), 0n));
  const holds = BigInt(paidSum) + BigInt(carryOut) === BigInt(distributable) && paidSum === paid && c.summary.distributable === distributable && rows.every((r) => r.matches);
  return { inflow, carryIn, distributable, totalScore: c.totalScore, paidSum, carryOut, rows, holds };
}
