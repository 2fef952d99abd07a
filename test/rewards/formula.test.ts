import { describe, expect, it } from 'vitest';
import { computeEpoch } from '../../src-main/engine/incentives/epoch-compute';
import type { EpochData, Verifier } from '../../src-main/engine/incentives/epoch-data';
import { REWARD_PARAMS, windowOf } from '../../src-main/engine/incentives/params';
import type { ChargeRow, FeedbackRow, ObservationRow, ReviewRow } from '../../src-main/engine/incentives/reward-inputs';
import { clipToOthers, consensus, lowerMedian, mediansOfOthers } from '../../src-main/engine/incentives/yuma';

describe('the clipping rules (Yuma)', () => {
  it('clips each contribution at the size-weighted median of the others, so one-call sybils cannot pull the cap down', () => {
    expect(lowerMedian([5, 1, 3, 2])).toBe(2);
    expect(clipToOthers([4, 3, 2, 20])).toEqual([4, 3, 2, 3]);
    expect(clipToOthers([3, 3, 3, 1, 1, 1, 1, 1])).toEqual([3, 3, 3, 1, 1, 1, 1, 1]);
    expect(clipToOthers([7])).toEqual([7]);
    expect(mediansOfOthers([1, 1])).toEqual([1, 1]);
    // Brute force agrees on random inputs.
    for (let n = 2; n < 9; n++) {
      const values = Array.from({ length: n }, (_, i) => ((i * 7919 + n * 31) % 13) + 1);
      const brute = values.map((_, i) => {
        const others = values.filter((__, j) => j !== i).sort((a, b) => a - b);
        const total = others.reduce((a, b) => a + b, 0);
        let cum = 0;
        return others.find((v) => (cum += v) * 2 >= total)!;
      });
      expect(mediansOfOthers(values)).toEqual(brute);
    }
  });

  it('takes as consensus the highest vote backed by more than half of the weight', () => {
    expect(consensus([{ vote: 500, weight: 3 }, { vote: 1000, weight: 3 }])).toBe(500);
    expect(consensus([{ vote: 500, weight: 3 }, { vote: 1000, weight: 4 }])).toBe(1000);
    expect(consensus([{ vote: 500, weight: 3 }, { vote: 750, weight: 6 }, { vote: 1000, weight: 6 }])).toBe(750);
    expect(consensus([])).toBeNull();
  });
});

/** The worked example of docs/incentives.md, number for number. */
describe('the worked example', () => {
  const w = windowOf(10, 1_000_000, 1_000);
  const A = 'A'.repeat(43);
  const B = 'B'.repeat(43);
  const C = 'C'.repeat(43);
  const key = (c: string) => c.repeat(43);
  let n = 0;
  const hash = () => (++n).toString(16).padStart(64, '0');
  const charges: ChargeRow[] = [];
  const observations: ObservationRow[] = [];
  const feedback: FeedbackRow[] = [];
  const reviews = new Map<string, ReviewRow>();
  const pay = (user: string, producer: string, calls: number, oks: number[], fails = 0) => {
    const modelId = `${producer}:m`;
    for (let i = 0; i < calls; i++) charges.push({ hash: hash(), identity: key(user), modelId, producerKey: producer, decisionId: `${user}-${i}`, fee: 270, ts: w.start + charges.length });
    oks.forEach((latencyMs, i) => observations.push({ hash: hash(), device: key(user), identity: key(user), modelId, task: 'support', ok: true, latencyMs, ts: w.start + 100 + i }));
    for (let i = 0; i < fails; i++) observations.push({ hash: hash(), device: key(user), identity: key(user), modelId, task: 'support', ok: false, latencyMs: 9_000, ts: w.start + 200 + i });
  };
  const review = (user: string, producer: string, rating: number) => {
    const charge = charges.find((c) => c.identity === key(user) && c.producerKey === producer)!;
    reviews.set(`${producer}:m|${key(user)}`, { hash: hash(), reviewer: key(user), modelId: `${producer}:m`, rating, chargeHash: charge.hash, retracted: false, seq: 1, ts: w.start + 500 });
  };
  const thumbs = (user: string, producer: string, ups: boolean[]) => {
    ups.forEach((up, i) => feedback.push({ hash: hash(), author: key(user), modelId: `${producer}:m`, decisionId: `${user}-${i}`, up, ts: w.start + 600 + i }));
  };
  // Model A:m — four payers, one of them a whale with 20 calls and 20 fast observations.
  pay('1', A, 4, [400, 420, 450, 480]);
  pay('2', A, 3, [500, 520, 800], 1);
  pay('3', A, 2, [600, 650]);
  pay('4', A, 20, Array(20).fill(100));
  review('1', A, 4);
  thumbs('2', A, [true, true]);
  review('3', A, 5);
  thumbs('3', A, [true, false]);
  review('4', A, 5);
  // Model B:m — three payers, no votes; model C:m — two payers (below the threshold).
  for (const u of ['5', '6', '7']) pay(u, B, 2, [900, 900]);
  for (const u of ['8', '9']) pay(u, C, 1, [700]);
  charges[0]!.fee = 280;
  const byHash = new Map(charges.map((c) => [c.hash, c]));
  const verify: Verifier = {
    charge: (h) => byHash.get(h) ?? null,
    chargeForDecision: (identity, modelId, decisionId) => charges.find((c) => c.identity === identity && c.modelId === modelId && c.decisionId === decisionId) ?? null,
    review: (modelId, reviewer) => reviews.get(`${modelId}|${reviewer}`) ?? null,
  };
  const data: EpochData = { window: w, charges, observations, feedback, evals: [], late: { charges: 0, fees: 0, records: 0 }, uncertified: 0 };
  const result = computeEpoch(data, verify, 7, REWARD_PARAMS, 'T'.repeat(43));
  const model = (p: string) => result.models.find((m) => m.producerKey === p)!;

  it('clips the whale, votes and observations as the docs say', () => {
    const a = model(A);
    expect(a.raters.map((r) => [r.calls, r.weight])).toEqual([[4, 4], [3, 3], [2, 2], [20, 3]]);
    expect(a.raters.map((r) => [r.vote, r.clippedVote])).toEqual([[750, 750], [1000, 750], [750, 750], [1000, 750]]);
    expect(a.consensus).toBe(750);
    expect(a.quality).toBe(700);
    expect(a.raters.map((r) => r.observationsCounted)).toEqual([4, 4, 2, 4]);
    expect(a.reliability).toEqual({ part: 928, ok: 13, counted: 14 });
    expect(result.tasks).toEqual([{ task: 'support', medianLatencyMs: 600, observations: 21 }]);
    expect(a.latency).toEqual({ part: 571, task: 'support', medianMs: 450, taskMedianMs: 600 });
    expect([a.perf, a.score]).toEqual([742, 2968]);
    expect([model(B).quality, model(B).latency.part, model(B).reliability.part, model(B).perf, model(B).score]).toEqual([500, 400, 1000, 630, 1890]);
    expect([model(C).perf, model(C).score]).toEqual([642, 1284]);
  });

  it('splits 10,000 fees + 7 carried: A 6113, B 3893, C nothing (2 payers), 1 carried', () => {
    expect(result.inflow).toBe(10_000);
    expect(result.producers.map((p) => [p.producerKey[0], p.qualified, p.score, p.amount])).toEqual([['A', true, 2968, 6113], ['B', true, 1890, 3893], ['C', false, 0, 0]]);
    expect(result.producers[2]!.why).toEqual(['threshold not met: 2 distinct paying user(s) < 3', 'threshold not met: 2 counted successful observation(s) < 3']);
    expect([result.totalScore, result.distributable, result.paid, result.carryOut]).toEqual([4858, 10_007, 10_006, 1]);
  });
});
