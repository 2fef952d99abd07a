import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src-main/engine/seed/producer-kit';
import { listing } from './helpers';
import { converged, ServeProcess, waitFor } from './processes';

const peers: ServeProcess[] = [];
afterAll(async () => {
  for (const peer of peers.splice(0)) await peer.destroy();
});

const ROUNDS = 24;
const SEED = Number(process.env.SYNC_CHAOS_SEED ?? Date.now() % 1_000_000);

/**
 * Five real processes. For a bounded number of rounds (it stops by itself) peers crash (SIGKILL),
 * stop (SIGTERM) and come back, links are cut and restored, and the running peers keep publishing
 * and repricing. Afterwards every peer holds every acknowledged change: nothing is lost.
 */
describe('five peers with random disconnects', () => {
  it('converge with nothing lost', { timeout: 420_000 }, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    console.log(`five-peer chaos seed ${SEED} (SYNC_CHAOS_SEED=${SEED} replays it)`);
    peers.push(...(await Promise.all(Array.from({ length: 5 }, () => ServeProcess.start()))));
    const [hub] = peers as [ServeProcess, ...ServeProcess[]];
    await hub.call('marketplace.openDemo');
    const { invite } = await hub.call('marketplace.invite');
    for (const p of peers.slice(1)) await p.call('marketplace.join', { invite });
    // A chain besides the hub, so most changes have more than one way to travel.
    for (let i = 2; i < peers.length; i++) await peers[i]!.call('sync.connect', { address: peers[i - 1]!.syncAddress });
    await converged(peers);
    const keys = await Promise.all(peers.map(async (p) => (await p.call('sync.status')).peerKey));

    const expected = new Map<string, number>(); // model id → its price in force (input per 1M)
    const owned = new Map<ServeProcess, string[]>();
    const cut: Array<[ServeProcess, ServeProcess]> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const up = peers.filter((p) => p.running);
      const down = peers.filter((p) => !p.running);
      const roll = random();
      if (roll < 0.2 && up.length > 2) {
        await pick(up).stop(random() < 0.5 ? 'SIGKILL' : 'SIGTERM');
      } else if (roll < 0.35 && down.length > 0) {
        await pick(down).launch();
      } else if (roll < 0.45 && up.length > 1) {
        const p = pick(up);
        const other = pick(up.filter((q) => q !== p));
        await p.call('sync.disconnect', { peerKey: keys[peers.indexOf(other)]! }).catch(() => {}); // not a known peer of p: fine
        cut.push([p, other]);
      } else {
        const p = pick(up);
        const mine = owned.get(p) ?? [];
        if (mine.length > 0 && random() < 0.4) {
          const id = pick(mine);
          const price = 1_000 * (1 + Math.floor(random() * 9_000));
          await p.call('pricing.set', { modelId: id, price: { inputPer1M: price, outputPer1M: price * 2, perRequest: 0 } });
          expected.set(id, price);
        } else {
          const price = 1_000 * (1 + Math.floor(random() * 9_000));
          const item = await p.call('models.publish', listing(`r${round}-${peers.indexOf(p)}`, price));
          owned.set(p, [...mine, item.id]);
          expected.set(item.id, price);
        }
      }
      await new Promise((r) => setTimeout(r, 200 + random() * 600));
    }

    // The chaos stops: everyone comes back, cut links are restored.
    for (const p of peers) if (!p.running) await p.launch();
    for (const [p, other] of cut) await p.call('sync.connect', { address: other.syncAddress });
    const final = await converged(peers, 180_000);
    expect(expected.size).toBeGreaterThan(0);
    for (const p of peers) {
      for (const [id, price] of expected) expect((await p.call('catalog.get', { id })).price?.inputPer1M, `${id} on a peer`).toBe(price);
      const status = await p.call('sync.status');
      expect(status.digest).toBe(final.digest);
      expect(status.counts.quarantined).toBe(0);
    }
    await waitFor('every change acknowledged', async () => {
      const pending = await Promise.all(peers.map(async (p) => (await p.call('sync.status')).pending.docs));
      return pending.every((n) => n === 0);
    }, 60_000);
  });
});
