import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src-shared/contract';
import { openTestEngine, type TestEngine } from '../catalog/helpers';
import { copyRecords } from '../reviews/helpers';

let t: TestEngine;
let epochs: CommandOutput<'rewards.epochs'>;
beforeAll(async () => {
  t = await openTestEngine({ dir: await mkdtemp(join(tmpdir(), 'ir-rewards-demo-')) });
  await t.call('marketplace.openDemo', {});
  epochs = await t.call('rewards.epochs', {});
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (t) await rm(t.dir, { recursive: true, force: true });
});

describe('the demo marketplace has incentive history', () => {
  it('closes at least one epoch with charges, splits it exactly and accounts for the whole pool', () => {
    const final = epochs.epochs.filter((e) => e.final && e.charges > 0);
    expect(final.length).toBeGreaterThanOrEqual(1);
    expect(final.some((e) => e.rewarded > 0)).toBe(true);
    const chronological = [...epochs.epochs].reverse();
    for (const [i, e] of chronological.entries()) {
      expect(e.paid + e.carryOut).toBe(e.inflow + e.carryIn);
      if (i > 0) expect(e.carryIn).toBe(chronological[i - 1]!.carryOut);
      // The treasury closed each epoch over everything it held: nothing is left out.
      expect(e.lateCharges).toBe(0);
    }
    const inflow = chronological.reduce((s, e) => s + e.inflow, 0);
    const claimed = chronological.reduce((s, e) => s + e.claimed, 0);
    expect(epochs.pool.balance).toBe(inflow - claimed);
    expect(epochs.pool.unclaimed).toBe(chronological.filter((e) => e.final).reduce((s, e) => s + e.paid - e.claimed, 0));
  });

  it('has the local producer claim every final epoch it earned in but the newest, which stays claimable; every claim checks out', () => {
    const earned = epochs.epochs.filter((e) => e.final && e.mine.amount > 0);
    // Whatever day the demo is made: four demo users pay for a local model in the two newest final epochs.
    expect(earned.length).toBeGreaterThanOrEqual(2);
    expect(earned[0]!.mine.state).toBe('claimable');
    expect(earned[0]!.claims).toEqual([]);
    for (const e of earned.slice(1)) expect(e.mine.state).toBe('claimed');
    for (const e of epochs.epochs) {
      for (const claim of e.claims) expect(claim).toMatchObject({ status: 'valid', mine: true, amount: e.mine.amount });
      if (e.final && e.mine.amount === 0) expect(e.mine.why.length).toBeGreaterThan(0);
    }
  });

  it('lets the local producer claim the newest earned epoch once, crediting its account from the pool', async () => {
    const e = epochs.epochs.find((x) => x.final && x.mine.state === 'claimable')!;
    const before = (await t.call('ledger.balance', { account: `producer:${epochs.me}` })).balance;
    const { claim, balance } = await t.call('rewards.claim', { epoch: e.epoch });
    expect(claim).toMatchObject({ status: 'valid', amount: e.mine.amount, resultHash: e.resultHash });
    expect(balance).toBe(before + e.mine.amount);
    expect((await t.fail('rewards.claim', { epoch: e.epoch })).code).toBe('CONFLICT');
    const after = await t.call('rewards.epochs', {});
    expect(after.pool.balance).toBe(epochs.pool.balance - e.mine.amount);
    epochs = after;
  });

  it('explains a final epoch: formula, producers with why, models with their raters', async () => {
    const e = epochs.epochs.find((x) => x.final && x.rewarded > 0)!;
    const c = await t.call('rewards.compute', { epoch: e.epoch });
    expect(c.summary.resultHash).toBe(e.resultHash);
    expect(c.marketplace).toEqual({ feeBps: 500, epochSeconds: epochs.epochSeconds, graceSeconds: epochs.graceSeconds });
    expect(c.producers.reduce((s, p) => s + p.amount, 0) + c.summary.carryOut).toBe(c.summary.inflow + c.summary.carryIn);
    expect(c.formula.length).toBeGreaterThan(5);
    expect(c.producers.length).toBeGreaterThan(1);
    expect(c.producers.some((p) => p.qualified && p.amount > 0 && p.name !== null)).toBe(true);
    for (const p of c.producers) expect(p.parts.popularity).toBe(p.payers);
    expect(c.producers.filter((p) => !p.qualified).every((p) => p.why.some((w) => /threshold/.test(w)))).toBe(true);
    const rated = c.models.find((m) => m.raters.length > 0)!;
    expect(rated.name).not.toBeNull();
    expect(rated.raters[0]).toHaveProperty('weight');
    expect(c.tasks.length).toBeGreaterThan(0);
    expect(c.models.every((m) => m.reliability.part >= 0 && m.reliability.part <= 1000 && m.perf <= 1000)).toBe(true);
  });

  it('ranks a task in the leaderboard and projects a price cut for a local model', async () => {
    const board = await t.call('rewards.leaderboard', { task: 'support' });
    expect(board.models.length).toBeGreaterThan(0);
    expect(board.models.map((m) => m.rank)).toEqual(board.models.map((_, i) => i + 1));
    for (let i = 1; i < board.models.length; i++) expect(board.models[i - 1]!.score).toBeGreaterThanOrEqual(board.models[i]!.score);
    const mine = (await t.call('catalog.list', { filters: { producer: epochs.me }, limit: 10 })).items.find((i) => i.tasks.includes('support'))!;
    const cheaper = { inputPer1M: Math.floor(mine.price!.inputPer1M / 4), outputPer1M: Math.floor(mine.price!.outputPer1M / 4), perRequest: 0 };
    const p = await t.call('rewards.projection', { modelId: mine.id, candidate: cheaper, task: 'support' });
    expect(p.workload.samples).toBeGreaterThan(0);
    expect(p.candidate.valueScore).toBeGreaterThan(p.current.valueScore);
    expect(p.candidate.sharePpm).toBeGreaterThanOrEqual(p.current.sharePpm);
    expect(p.notes.length).toBeGreaterThan(0);
  });

  it('has every final epoch closed by the treasury (the local identity); a peer given the records now agrees on every result and claim', async () => {
    const final = epochs.epochs.filter((e) => e.final);
    expect(final.length).toBeGreaterThanOrEqual(2);
    for (const e of final) expect(e.inputs).toMatchObject({ state: 'final', missing: 0, root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const peer = await openTestEngine();
    try {
      await peer.engine.adoptMarketplace(epochs.marketplaceId!);
      await copyRecords(t.engine, peer.engine);
      const theirs = await peer.call('rewards.epochs', {});
      const view = (x: CommandOutput<'rewards.epochs'>) => x.epochs.map((e) => [e.epoch, e.final, e.resultHash, e.paid, e.claimed, e.claims.map((c) => [c.hash, c.status])]);
      expect(view(theirs)).toEqual(view(epochs));
      expect(theirs.pool).toEqual(epochs.pool);
    } finally {
      await peer.close();
    }
  });

  it('recomputes the same results after a restart (signed records only)', async () => {
    await t.close();
    t = await openTestEngine({ dir: t.dir });
    const reopened = await t.call('rewards.epochs', {});
    expect(reopened.epochs.map((e) => [e.epoch, e.resultHash, e.claimed])).toEqual(epochs.epochs.map((e) => [e.epoch, e.resultHash, e.claimed]));
  });
});
