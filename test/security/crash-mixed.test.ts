import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture, ok, type Health } from '../engine/helpers';
import { runAndKill } from './crash-harness';

/**
 * kill -9 at random moments during mixed work (routed calls with their charges and observations,
 * verified reviews, feedback, publishing, pricing): after restart nothing acknowledged is lost, the
 * ledger verifies and no record is quarantined. Three rounds on one folder.
 */
const fx = new Fixture();
afterEach(() => fx.cleanup());

type Ack =
  | { op: 'ready' }
  | { op: 'call'; chargeHash: string; cost: number }
  | { op: 'review'; modelId: string; rating: number; hash: string }
  | { op: 'feedback'; decisionId: string }
  | { op: 'publish'; modelId: string }
  | { op: 'price'; modelId: string; hash: string };
const WORK = join(import.meta.dirname, 'work', 'mixed.ts');

describe('crash safety: mixed work under SIGKILL', () => {
  it('keeps every acknowledged charge, review, listing and price, and every record verifies', { timeout: 180_000 }, async () => {
    const dataDir = await fx.tempDir();
    const acks: Ack[] = [];
    for (const round of ['1', '2', '3']) {
      const run = await runAndKill<Ack>({ script: WORK, args: [dataDir, round], killAfter: { min: 150, max: 1_500 } });
      expect(run.signal, `the loop ended by itself: ${run.stderr}`).toBe('SIGKILL');
      acks.push(...run.acknowledged);
    }
    const of = <K extends Ack['op']>(op: K) => acks.filter((a): a is Extract<Ack, { op: K }> => a.op === op);
    expect(of('call').length).toBeGreaterThan(0);
    const engine = await fx.open(dataDir);
    const charges = await ok<{ items: Array<{ hash: string }> }>(engine, 'ledger.entries', { kind: 'charge', limit: 500 });
    const chargeHashes = new Set(charges.items.map((c) => c.hash));
    for (const c of of('call')) expect(chargeHashes.has(c.chargeHash), `charge ${c.chargeHash}`).toBe(true);
    // The last acknowledged review of each model is the one shown (a later, unacknowledged edit may also have landed).
    const mine = await ok<Array<{ modelId: string; hash: string; seq: number }>>(engine, 'reviews.mine');
    for (const r of of('review')) expect(mine.some((m) => m.modelId === r.modelId)).toBe(true);
    for (const p of of('publish')) await ok(engine, 'catalog.get', { id: p.modelId });
    for (const p of of('price')) {
      const history = await ok<Array<{ hash: string }>>(engine, 'pricing.history', { modelId: p.modelId });
      expect(history.some((h) => h.hash === p.hash)).toBe(true);
    }
    const verify = await ok<{ ok: boolean; problems: unknown[] }>(engine, 'ledger.verify');
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    expect((await ok<Health>(engine, 'system.health')).counts.quarantined).toBe(0);
    console.log(`[crash] mixed work: ${of('call').length} calls, ${of('review').length} reviews, ${of('publish').length} listings over 3 kills: all present`);
  });
});
