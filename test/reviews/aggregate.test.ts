import { describe, expect, it } from 'vitest';
import { bayesianAverageX100, burstHolds, HOLD_MS, weightPct } from '../../src-main/engine/reviews/aggregate';

const H = 3_600_000;
const rated = (key: string, receivedAt: number, authorFirstSeen: number) => ({ key, rating: 5, verified: false, receivedAt, authorFirstSeen, ts: receivedAt });

describe('review aggregation rules', () => {
  it('five fresh identities within an hour are a burst, held for 72 h after receipt', () => {
    const t = 100 * H;
    const burst = [0, 10, 20, 30, 40].map((m, i) => rated(`r${i}`, t + m * 60_000, t + m * 60_000 - H));
    const holds = burstHolds(burst);
    expect([...holds.keys()].sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(holds.get('r0')).toBe(t + HOLD_MS);
  });

  it('four are not a burst; five spread over more than an hour are not; old identities never are', () => {
    const t = 100 * H;
    expect(burstHolds([0, 1, 2, 3].map((m) => rated(`a${m}`, t + m * 60_000, t))).size).toBe(0);
    expect(burstHolds([0, 20, 40, 61, 80].map((m) => rated(`b${m}`, t + m * 60_000, t))).size).toBe(0);
    expect(burstHolds([0, 1, 2, 3, 4].map((m) => rated(`c${m}`, t + m * 60_000, t - 30 * H))).size).toBe(0);
  });

  it('verified reviews weigh 1, unverified 0.2, held 0 until the hold ends', () => {
    expect(weightPct(true, null, 0)).toBe(100);
    expect(weightPct(false, null, 0)).toBe(20);
    expect(weightPct(true, 1_000, 999)).toBe(0);
    expect(weightPct(true, 1_000, 1_000)).toBe(100);
  });

  it('the Bayesian average pulls few reviews toward 3.5 stars, many toward their mean', () => {
    expect(bayesianAverageX100([])).toBeNull();
    // (300 × 350 + 100 × 500) / 400 = 387.5 → 388
    expect(bayesianAverageX100([{ rating: 5, weightPct: 100 }])).toBe(388);
    // unverified 5-star reviews move it far less: (300 × 350 + 20 × 500) / 320 = 359.4
    expect(bayesianAverageX100([{ rating: 5, weightPct: 20 }])).toBe(359);
    const many = Array.from({ length: 100 }, () => ({ rating: 2, weightPct: 100 }));
    expect(bayesianAverageX100(many)).toBe(Math.round((300 * 350 + 100 * 100 * 200) / (300 + 10_000)));
  });
});
