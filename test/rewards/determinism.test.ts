import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import type { CommandOutput } from '../../src-shared/contract';
import type { TestEngine } from '../catalog/helpers';
import { copyRecords } from '../reviews/helpers';
import { closeEpochs, honestEpoch, marketEngine } from './helpers';
import { CLOSE, DAY, E, FINAL, LEN, manualClock, publishAll, Scenario, shuffled, START } from './scenario';

const HOUR = 3_600_000;
const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** The computation without what only the local engine knows (which producer is "me"). */
function shared(c: CommandOutput<'rewards.compute'>): string {
  const { mine: _mine, claims: _claims, ...summary } = c.summary;
  return canonicalJson({ ...c, summary });
}

async function market() {
  const s = new Scenario();
  const clock = manualClock(CLOSE + HOUR);
  const a = await marketEngine(s, clock.now);
  open.push(a);
  const A = s.producer(['a1', 'a2']);
  const B = s.producer(['b1']);
  const C = s.producer(['c1']);
  const honest = honestEpoch(s, [...A.models, ...B.models, ...C.models], { users: 5 });
  // Failures (no charge) and a slow model, so reliability and latency differ between models.
  for (const [i, user] of honest.users.entries()) {
    s.observe(user, B.models[0]!, START + 2 * DAY + i, { ok: false, latencyMs: 9_000 });
    s.call(user, C.models[0]!, START + 3 * DAY + i * 1000, { latencyMs: 2_500 });
  }
  return { s, clock, a, A, B, C, honest };
}

describe('epoch results any peer recomputes', () => {
  it('two engines holding the same records compute byte-identical results (same result hash)', async () => {
    const { s, clock, a, A, B, C } = await market();
    await publishAll(a.engine, s.out);
    const b = await marketEngine(s, clock.now);
    open.push(b);
    await copyRecords(a.engine, b.engine);
    clock.set(FINAL + HOUR);
    await closeEpochs(s, a, [b]);
    const ra = await a.call('rewards.compute', { epoch: E });
    const rb = await b.call('rewards.compute', { epoch: E });
    expect(ra.summary.final).toBe(true);
    expect(ra.summary.resultHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rb.summary.resultHash).toBe(ra.summary.resultHash);
    expect(shared(rb)).toBe(shared(ra));
    expect(ra.producers.filter((p) => p.amount > 0)).toHaveLength(3);
    const part = (id: string) => ra.models.find((m) => m.modelId === id)!;
    expect(part(B.models[0]!).reliability).toMatchObject({ ok: 15, counted: 20, part: 750 });
    expect(part(C.models[0]!).latency.part).toBeLessThan(part(A.models[0]!).latency.part);
  });

  it('gives the same result whatever order and batches the records arrive in', async () => {
    const { s, clock, a } = await market();
    await publishAll(a.engine, s.out);
    const expected = (await a.call('rewards.compute', { epoch: E })).summary.resultHash;
    for (const seed of [1, 2, 3]) {
      const peer = await marketEngine(s, clock.now);
      open.push(peer);
      const items = s.incoming((x) => shuffled(x, seed));
      for (let i = 0; i < items.length; i += 7 * seed) await peer.engine.absorb(items.slice(i, i + 7 * seed));
      expect((await peer.call('rewards.compute', { epoch: E })).summary.resultHash).toBe(expected);
    }
  });

  it('pays out exactly: rewards + carried remainder = inflow + carry in, epoch after epoch, and the pool holds every fee', async () => {
    const { s, clock, a, A, honest } = await market();
    await publishAll(a.engine, s.out);
    // Epoch E+1: only two paying users, below the threshold: everything carries to E+2.
    let mark = s.out.length;
    for (const user of honest.users.slice(0, 2)) s.call(user, A.models[0]!, START + LEN + DAY);
    clock.set(CLOSE + LEN + HOUR);
    await publishAll(a.engine, s.since(mark));
    // Epoch E+2: activity again.
    mark = s.out.length;
    honestEpochAt(s, A.models[1]!, honest.users, START + 2 * LEN + DAY);
    clock.set(CLOSE + 2 * LEN + HOUR);
    await publishAll(a.engine, s.since(mark));
    clock.set(START + 3 * LEN + 2 * DAY);
    const { epochs, pool } = await a.call('rewards.epochs', {});
    const chronological = [...epochs].reverse();
    expect(chronological.map((e) => e.epoch)).toEqual([E, E + 1, E + 2, E + 3]);
    for (const [i, e] of chronological.entries()) {
      expect(e.paid + e.carryOut).toBe(e.inflow + e.carryIn);
      expect(e.distributable).toBe(e.inflow + e.carryIn);
      if (i > 0) expect(e.carryIn).toBe(chronological[i - 1]!.carryOut);
      const detail = await a.call('rewards.compute', { epoch: e.epoch });
      expect(detail.producers.reduce((sum, p) => sum + p.amount, 0)).toBe(e.paid);
    }
    const second = chronological[1]!;
    expect(second.paid).toBe(0);
    expect(second.carryOut).toBe(second.inflow + second.carryIn);
    expect(chronological[2]!.carryIn).toBe(second.carryOut);
    expect(chronological[2]!.paid).toBeGreaterThan(0);
    // pool:rewards holds every fee; the epochs account for all of it (nothing is claimed yet).
    expect(chronological.every((e) => e.lateFees === 0)).toBe(true);
    expect(pool.balance).toBe(chronological.reduce((sum, e) => sum + e.inflow, 0));
    expect(pool.balance).toBe(chronological.reduce((sum, e) => sum + e.paid, 0) + pool.carried);
  });

  it('caches final epochs but recomputes an epoch when a record timed in it arrives in time', async () => {
    const { s, clock, a, B, honest } = await market();
    await publishAll(a.engine, s.out);
    const before = (await a.call('rewards.compute', { epoch: E })).summary;
    const mark = s.out.length;
    s.call(honest.users[0]!, B.models[0]!, START + 4 * DAY);
    await publishAll(a.engine, s.since(mark));
    clock.set(FINAL + HOUR);
    const after = (await a.call('rewards.compute', { epoch: E })).summary;
    expect(after.charges).toBe(before.charges + 1);
    expect(after.resultHash).not.toBe(before.resultHash);
  });
});

function honestEpochAt(s: Scenario, modelId: string, users: Scenario['treasury'][], at: number): void {
  users.forEach((user, i) => {
    for (let c = 0; c < 2; c++) s.call(user, modelId, at + i * 60_000 + c * 1000, { latencyMs: 450 });
  });
}
