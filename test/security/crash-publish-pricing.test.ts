import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture, ok, type Health } from '../engine/helpers';
import { crashRandom, runAndKill } from './crash-harness';

/**
 * kill -9 in the middle of publishing and repricing: after a restart every acknowledged listing and
 * price is there, and nothing is quarantined (no torn record). Two rounds, so the second one also
 * starts from a folder a kill left behind.
 */
const fx = new Fixture();
afterEach(() => fx.cleanup());

type Ack = { op: 'ready' } | { op: 'publish'; modelId: string } | { op: 'price'; modelId: string; hash: string; seq: number; price: Record<string, number> };
const WORK = join(import.meta.dirname, 'work', 'publish-pricing.ts');

describe('crash safety: models.publish and pricing.set under SIGKILL', () => {
  it('keeps every acknowledged listing and price across kills and restarts', { timeout: 120_000 }, async () => {
    const { seed, random } = crashRandom('publish and pricing');
    const dataDir = await fx.tempDir();
    const acks: Ack[] = [];
    for (const round of ['1', '2']) {
      // The second kill lands just after an acknowledgement: where an early answer would lose data.
      const run = await runAndKill<Ack>({ script: WORK, args: [dataDir, round], killAfter: { min: 200, max: 1_200 }, ...(round === '2' ? { nearAck: { maxMs: 10 } } : {}), random });
      expect(run.signal, `seed ${seed}: the loop ended by itself: ${run.stderr}`).toBe('SIGKILL');
      expect(run.acknowledged[0]).toMatchObject({ op: 'ready' });
      acks.push(...run.acknowledged);
    }
    const published = acks.filter((a): a is Extract<Ack, { op: 'publish' }> => a.op === 'publish');
    const priced = acks.filter((a): a is Extract<Ack, { op: 'price' }> => a.op === 'price');
    expect(published.length).toBeGreaterThan(0);

    const engine = await fx.open(dataDir);
    for (const { modelId } of published) {
      const item = await ok<{ id: string; retired: boolean }>(engine, 'catalog.get', { id: modelId }).catch((error: Error) => expect.fail(`seed ${seed}: ${error.message}`));
      expect(item.retired).toBe(false);
    }
    for (const ack of priced) {
      const history = await ok<Array<{ hash: string; price: unknown }>>(engine, 'pricing.history', { modelId: ack.modelId });
      expect(history.find((h) => h.hash === ack.hash)?.price, `seed ${seed}: ${ack.modelId} seq ${ack.seq}`).toEqual(ack.price);
    }
    const health = await ok<Health>(engine, 'system.health');
    expect(health.counts.quarantined, `seed ${seed}`).toBe(0);
    expect(health.counts.models).toBeGreaterThanOrEqual(published.length);
    console.log(`[crash] ${published.length} listings and ${priced.length} prices acknowledged over 2 kills: all present after restart`);
  });
});
