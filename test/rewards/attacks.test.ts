import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src-shared/contract';
import type { SigningKey } from '../../src-main/engine/identity/keys';
import type { TestEngine } from '../catalog/helpers';
import { honestEpoch, marketEngine } from './helpers';
import { callCost, feeOf } from '../../src-shared/money';
import { CLOSE, DAY, E, manualClock, PRICE, publishAll, Scenario, START } from './scenario';

/**
 * The bounds of docs/incentives.md ("What an attacker can get"), asserted. Each test computes the
 * epoch with the honest activity only, adds the attack (received in time), and compares.
 */
const HOUR = 3_600_000;
/** The fee of one scenario call (1,000 in, 500 out at PRICE, 5 %). */
const FEE = feeOf(callCost(PRICE, 1_000, 500), 500);
const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

type Computation = CommandOutput<'rewards.compute'>;
const model = (c: Computation, id: string) => c.models.find((m) => m.modelId === id)!;
const producer = (c: Computation, key: string) => c.producers.find((p) => p.producerKey === key)!;
const parts = (c: Computation, id: string) => {
  const m = model(c, id);
  return { payers: m.payers, consensus: m.consensus, quality: m.quality, latency: m.latency.part, reliability: m.reliability.part, perf: m.perf, score: m.score };
};

async function market(users = 6) {
  const s = new Scenario();
  const clock = manualClock(CLOSE + HOUR);
  const t = await marketEngine(s, clock.now);
  open.push(t);
  const H = s.producer(['h1']);
  const R1 = s.producer(['r1']);
  const R2 = s.producer(['r2']);
  const honest = honestEpoch(s, [...H.models, ...R1.models, ...R2.models], { users });
  await publishAll(t.engine, s.out);
  const before = await t.call('rewards.compute', { epoch: E });
  const taskMedian = before.tasks[0]!.medianLatencyMs;
  /** Publishes what the attack added and recomputes (still before the close + grace). */
  const after = async (mark: number) => {
    await publishAll(t.engine, s.since(mark));
    return t.call('rewards.compute', { epoch: E });
  };
  return { s, t, H, R1, R2, honest, before, taskMedian, after };
}

/** k identities that pay `calls` calls on each target (observed at `latency`), rate 5 stars and spam thumbs up. */
function paidRing(s: Scenario, members: SigningKey[], targets: string[], o: { calls: number; feedback: number; observations: number; latency: number; at: number }): number {
  let fees = 0;
  members.forEach((member, i) => {
    let ts = o.at + i * HOUR;
    for (const target of targets) {
      const calls = Array.from({ length: o.calls }, () => s.call(member, target, (ts += 1000), { observe: false, latencyMs: o.latency }));
      fees += FEE * o.calls;
      for (let n = 0; n < o.observations; n++) s.observe(member, target, (ts += 1000), { ok: true, latencyMs: o.latency });
      s.review(member, target, 5, calls[0]!.charge, (ts += 1000));
      for (let f = 0; f < o.feedback; f++) s.feedback(member, target, calls[f % calls.length]!.decisionId, true, (ts += 1000));
    }
  });
  return fees;
}

describe('attacks on the incentive split stay under their stated bounds', () => {
  it('a ring that does not pay (cross-reviews, borrowed decisions, fake observations, sabotage) changes nothing: same result hash', async () => {
    const { s, H, R1, R2, honest, before, after } = await market();
    const mark = s.out.length;
    const ring = [R1.key, R2.key, ...Array.from({ length: 4 }, () => s.user())];
    const borrowed = [...honest.calls.values()][0]![0]!;
    let ts = START + 4 * DAY;
    for (const member of ring) {
      for (const target of [...R1.models, ...R2.models]) {
        if (target.startsWith(member.publicKey)) continue;
        s.review(member, target, 5, borrowed.charge, (ts += 1000));
        s.feedback(member, target, borrowed.decisionId, true, (ts += 1000));
        for (let n = 0; n < 10; n++) s.observe(member, target, (ts += 1000), { ok: true, latencyMs: 1 });
      }
      s.review(member, H.models[0]!, 1, null, (ts += 1000));
      for (let n = 0; n < 10; n++) s.observe(member, H.models[0]!, (ts += 1000), { ok: false, latencyMs: 30_000 });
    }
    const attacked = await after(mark);
    expect(attacked.summary.resultHash).toBe(before.summary.resultHash);
    expect(attacked.producers.map((p) => p.amount)).toEqual(before.producers.map((p) => p.amount));
    expect(attacked.ignored.unpaidSignals - before.ignored.unpaidSignals).toBeGreaterThanOrEqual(6 * 2 * 12);
  });

  it('a paying ring gains at most one payer per member (≤ 1000 score each), its votes clipped at the honest consensus, its volume ignored', async () => {
    const runs: Array<{ before: Computation; attacked: Computation; ids: string[]; fees: number }> = [];
    for (const volume of [{ calls: 3, feedback: 1, observations: 3 }, { calls: 6, feedback: 20, observations: 20 }]) {
      const { s, H, R1, R2, before, taskMedian, after } = await market();
      const mark = s.out.length;
      const helpers = Array.from({ length: 3 }, () => s.user());
      const at = START + 4 * DAY;
      // The ring producers pay for each other's model; three helper identities pay for both.
      let fees = paidRing(s, [R1.key], R2.models, { ...volume, latency: taskMedian, at });
      fees += paidRing(s, [R2.key], R1.models, { ...volume, latency: taskMedian, at });
      fees += paidRing(s, helpers, [...R1.models, ...R2.models], { ...volume, latency: taskMedian, at: at + DAY });
      const attacked = await after(mark);
      runs.push({ before, attacked, ids: [R1.models[0]!, R2.models[0]!, H.models[0]!], fees });
      const k = 4;
      for (const id of [R1.models[0]!, R2.models[0]!]) {
        const was = parts(before, id);
        const now = parts(attacked, id);
        expect(now.payers).toBe(was.payers + k);
        expect(now.consensus).toBe(was.consensus);
        expect(now.quality).toBeLessThanOrEqual(was.consensus);
        expect(now.score - was.score).toBeLessThanOrEqual(k * 1000);
      }
      expect(parts(attacked, H.models[0]!)).toEqual(parts(before, H.models[0]!));
      // Reward: at most the added score at the new rate, plus the fees the ring paid into the pool.
      for (const key of [R1.key.publicKey, R2.key.publicKey]) {
        const gained = producer(attacked, key).amount - producer(before, key).amount;
        const added = producer(attacked, key).score - producer(before, key).score;
        expect(gained).toBeLessThanOrEqual(Math.floor((attacked.summary.distributable * added) / attacked.totalScore) + fees);
      }
    }
    // Spamming 2× the calls, 20× the feedback and 7× the observations moves no score part at all.
    const [low, high] = runs;
    for (const i of [0, 1]) expect(parts(high!.attacked, high!.ids[i]!)).toEqual(parts(low!.attacked, low!.ids[i]!));
  });

  it('a producer paying for its own model (wash trading) gets no popularity and no score; its reward grows by less than the fees it paid', async () => {
    const { s, R1, before, after } = await market();
    const mark = s.out.length;
    const self = s.user(100_000_000, START, R1.key);
    let ts = START + 4 * DAY;
    for (let i = 0; i < 50; i++) {
      const call = s.call(self, R1.models[0]!, (ts += 1000), { latencyMs: 1 });
      s.feedback(self, R1.models[0]!, call.decisionId, true, (ts += 1000));
      if (i === 0) s.evaluation(self, R1.models[0]!, 10_000, [call.charge], (ts += 1000));
    }
    const attacked = await after(mark);
    const washFees = 50 * FEE;
    expect(parts(attacked, R1.models[0]!)).toEqual(parts(before, R1.models[0]!));
    expect(attacked.ignored.ownCalls).toBe(50);
    expect(attacked.ignored.ownSignals).toBe(50 + 50 + 1);
    expect(attacked.summary.inflow).toBe(before.summary.inflow + washFees);
    const key = R1.key.publicKey;
    const gained = producer(attacked, key).amount - producer(before, key).amount;
    // Its share of its own fees, never the fees themselves: wash trading always loses money.
    expect(gained).toBeLessThanOrEqual(Math.floor((washFees * producer(before, key).sharePpm) / 1_000_000) + 1);
    expect(gained).toBeLessThan(washFees);
  });

  it('a burst of fresh identities (outnumbering the honest payers) adds ≤ 1000 score per identity and cannot lift quality above the consensus', async () => {
    const { s, H, R1, before, taskMedian, after } = await market(6);
    const mark = s.out.length;
    const k = 10;
    const fresh = Array.from({ length: k }, (_, i) => s.user(5_000_000, START + 4 * DAY + i));
    const fees = paidRing(s, fresh, R1.models, { calls: 1, feedback: 10, observations: 5, latency: taskMedian, at: START + 4 * DAY + HOUR });
    const attacked = await after(mark);
    const id = R1.models[0]!;
    const was = parts(before, id);
    const now = parts(attacked, id);
    expect(now.payers).toBe(was.payers + k);
    expect(now.consensus).toBe(was.consensus);
    expect(now.quality).toBeLessThanOrEqual(was.consensus);
    expect(now.score - was.score).toBeLessThanOrEqual(k * 1000);
    expect(model(attacked, id).why.join(' ')).toMatch(/clipped at the consensus/);
    expect(parts(attacked, H.models[0]!)).toEqual(parts(before, H.models[0]!));
    const key = R1.key.publicKey;
    const gained = producer(attacked, key).amount - producer(before, key).amount;
    const added = producer(attacked, key).score - producer(before, key).score;
    expect(gained).toBeLessThanOrEqual(Math.floor((attacked.summary.distributable * added) / attacked.totalScore) + fees);
  });
});
