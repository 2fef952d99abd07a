import { afterAll, describe, expect, it } from 'vitest';
import { listing } from './helpers';
import { converged, ServeProcess, stateOf, waitFor } from './processes';

const peers: ServeProcess[] = [];
afterAll(async () => {
  for (const peer of peers.splice(0)) await peer.destroy();
});

/**
 * Three real `infiniroute serve` processes on loopback. Two of them edit while cut off (each as its
 * own producer), then reconnect: all three end with the same records and the same catalog.
 */
describe('three peers, two editing offline', () => {
  it('reconcile to identical state after they reconnect', { timeout: 180_000 }, async () => {
    const [a, b, c] = await Promise.all([ServeProcess.start(), ServeProcess.start(), ServeProcess.start()]);
    peers.push(a, b, c);
    const market = await a.call('marketplace.openDemo');
    const { invite } = await a.call('marketplace.invite');
    await Promise.all([b.call('marketplace.join', { invite }), c.call('marketplace.join', { invite })]);
    const before = await converged([a, b, c]);
    expect(before.records).toBeGreaterThan(100);
    const aKey = (await a.call('sync.status')).peerKey;

    // B and C go offline (cut from A, the only peer either knows) and edit as their own producers.
    for (const p of [b, c]) await p.call('sync.disconnect', { peerKey: aKey });
    await waitFor('a to lose both links', async () => (await a.call('sync.status')).peers.length === 0);
    const published: string[] = [];
    for (const [p, who] of [
      [b, 'b'],
      [c, 'c'],
    ] as const) {
      await p.call('producers.setProfile', { name: `Lab ${who}`, description: `offline producer ${who}`, contact: '', website: '' });
      for (let i = 0; i < 3; i++) published.push((await p.call('models.publish', listing(`${who}-model-${i}`, 100_000 * (i + 1)))).id);
      await p.call('pricing.set', { modelId: published.at(-1)!, price: { inputPer1M: 42_000, outputPer1M: 84_000, perRequest: 7 } });
      expect((await p.call('sync.status')).pending.records).toBeGreaterThanOrEqual(5);
    }
    // A edits too, meanwhile: its own producer's price.
    const mine = (await a.call('catalog.list', { filters: { producer: (await a.call('system.health')).identity.producerKey } })).items[0]!;
    await a.call('pricing.set', { modelId: mine.id, price: { inputPer1M: 1_234_000, outputPer1M: 2_468_000, perRequest: 0 } });
    const apart = await Promise.all([a, b, c].map((p) => stateOf(p)));
    expect(new Set(apart.map((s) => s.digest)).size).toBe(3);

    for (const p of [b, c]) await p.call('sync.connect', { address: a.syncAddress });
    const after = await converged([a, b, c], 90_000);
    expect(after.records).toBe(before.records + 2 * (1 + 3 * 2 + 1) + 1);
    for (const p of [a, b, c]) {
      for (const id of published) expect((await p.call('catalog.get', { id })).id).toBe(id);
      expect((await p.call('catalog.get', { id: mine.id })).price?.inputPer1M).toBe(1_234_000);
      expect((await p.call('system.health')).marketplace?.id).toBe(market.id);
      const status = await p.call('sync.status');
      expect(status.counts.quarantined).toBe(0);
      expect(status.counts.conflicts).toBe(0);
    }
    await waitFor('every change acknowledged', async () => {
      const pending = await Promise.all([a, b, c].map(async (p) => (await p.call('sync.status')).pending.docs));
      return pending.every((n) => n === 0);
    });
  });
});
