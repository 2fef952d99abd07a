import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/engine/providers/simulator';
import { LISTING, openTestEngine, type TestEngine } from '../catalog/helpers';

const ASK = { task: 'code', messages: [{ role: 'user' as const, content: 'Write a function that adds two numbers' }], expectedOutputTokens: 100 };

/**
 * A routed call's charge and observation are acknowledged once durable and take effect in memory
 * right after the answer (Publisher.publishAcknowledged): nothing may read around that.
 */
describe('records a routed call acknowledges', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  const opened: TestEngine[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, latencyMs: 1 });
  });
  afterAll(async () => sim.close());
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
  });

  async function market(dir?: string): Promise<{ t: TestEngine; modelId: string }> {
    const t = await openTestEngine(dir ? { dir } : {});
    opened.push(t);
    await t.call('marketplace.create', { name: 'Acknowledged market' });
    await t.call('ledger.deposit', { amount: 10_000_000 });
    await t.call('routing.setSettings', { explorationBps: 0 });
    const item = await t.call('models.publish', {
      ...LISTING,
      slug: 'coder',
      tasks: ['code'],
      endpoint: { baseUrl: sim.url, model: 'coder' },
      claimed: { ...LISTING.claimed, accuracyBps: { code: 8_000 } },
      price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 },
    });
    return { t, modelId: item.id };
  }

  it('are one durable write, and the very next command sees them', async () => {
    const { t, modelId } = await market();
    const before = (await t.call('ledger.balance', {})).balance;
    const writes = t.engine.journal.stats.writes;
    const out = await t.call('route.call', ASK);
    expect(t.engine.journal.stats.writes).toBe(writes + 1);
    // No turn has passed since the answer: the commands themselves take the records in first.
    const [balance, entries] = await Promise.all([t.call('ledger.balance', {}), t.call('ledger.entries', { kind: 'charge' })]);
    expect(balance.balance).toBe(before - out.cost);
    expect(entries.items.map((e) => e.hash)).toEqual([out.chargeHash]);
    expect(t.engine.observations.get(modelId)?.calls).toBe(1);
  });

  it('concurrent calls are each charged once, on one chain that verifies, with observation seqs that never repeat', async () => {
    const { t, modelId } = await market();
    const outs = await Promise.all(Array.from({ length: 6 }, () => t.call('route.call', ASK)));
    const charges = (await t.call('ledger.entries', { kind: 'charge' })).items;
    expect(new Set(charges.map((c) => c.hash))).toEqual(new Set(outs.map((o) => o.chargeHash)));
    expect((await t.call('ledger.verify', {})).problems).toEqual([]);
    expect(t.engine.observations.get(modelId)?.calls).toBe(6);
    expect((await t.call('sync.status', {})).counts).toMatchObject({ conflicts: 0, quarantined: 0 });
    // And the next call goes on from there.
    const next = await t.call('route.call', ASK);
    expect((await t.call('ledger.entries', { kind: 'charge' })).items.map((c) => c.hash)).toContain(next.chargeHash);
    expect((await t.call('ledger.verify', {})).ok).toBe(true);
  });

  it('a call repeated with its decision id is refused before anything is sent, and charged once', async () => {
    const { t, modelId } = await market();
    const out = await t.call('route.call', { ...ASK, decisionId: 'd-client-retry-1' });
    const again = await t.fail('route.call', { ...ASK, decisionId: 'd-client-retry-1' });
    expect(again.code).toBe('CONFLICT');
    expect((await t.call('ledger.entries', { kind: 'charge' })).items.map((c) => c.hash)).toEqual([out.chargeHash]);
    expect(t.engine.observations.get(modelId)?.calls).toBe(1);
  });

  it('are on disk when the answer comes: a copy of the folder taken then holds them, received at their own time', async () => {
    const { t, modelId } = await market();
    const out = await t.call('route.call', ASK);
    // Read before any other turn runs: what a kill -9 right after the answer would leave. Records
    // this engine signed need no receipt line: they were received when they were signed.
    const receipts = readFileSync(join(t.dir, 'receipts.jsonl'), { encoding: 'utf8', flag: 'a+' });
    expect(receipts).not.toContain(`"rx:${out.chargeHash}"`);
    const copy = await mkdtemp(join(tmpdir(), 'ir-ack-copy-'));
    try {
      // The live engine's lock socket is no file to copy (a copy is not held by it).
      await cp(t.dir, copy, { recursive: true, filter: (src) => !src.endsWith('engine.sock') });
      const reopened = await openTestEngine({ dir: copy });
      try {
        expect((await reopened.call('ledger.entries', { kind: 'charge' })).items.map((c) => c.hash)).toEqual([out.chargeHash]);
        expect(reopened.engine.observations.get(modelId)?.calls).toBe(1);
        expect((await reopened.call('route.decisions', {})).items[0]).toMatchObject({ decisionId: out.decisionId, ok: true });
        // Rewards read signed data only: the charge and its observation, held, with no receipt of their own.
        expect(reopened.engine.rewards.inputs.has(out.chargeHash)).toBe(true);
        expect(reopened.engine.rewards.inputs.observations.some((o) => o.modelId === modelId)).toBe(true);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
