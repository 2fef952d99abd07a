import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import type { Engine } from '../../src-main/engine/engine';
import { producerKeyOf } from '../../src-main/engine/identity/identity';
import { decodeRecord, draftOf, signRecord } from '../../src-main/engine/records/signed';
import { addressOfPeer, call, failure, inSync, listing, SyncFixture, waitFor } from './helpers';

const fx = new SyncFixture();
afterEach(() => fx.cleanup());

async function pair(): Promise<[Engine, Engine]> {
  const a = await fx.peer();
  await call(a, 'marketplace.openDemo');
  const b = await fx.peer();
  await call(b, 'marketplace.join', { invite: (await call(a, 'marketplace.invite')).invite });
  await inSync([a, b]);
  return [a, b];
}

const catalogOf = async (e: Engine) => canonicalJson((await call(e, 'catalog.list', { limit: 500, sort: 'name' })).items);

describe('offline first', () => {
  it('works with no peer, keeps changes as pending, and reconciles both sides on reconnect', async () => {
    const [a, b] = await pair();
    expect((await call(b, 'sync.disconnect', { peerKey: a.keys.device.publicKey })).disconnected).toBe(1);
    await waitFor('the link to drop', async () => (await call(a, 'sync.status')).peers.length === 0);
    // Offline on both sides: every command still works.
    await call(b, 'producers.setProfile', { name: 'B Labs', description: '', contact: '', website: '' });
    const fromB = await call(b, 'models.publish', listing('offline-b'));
    // A demo folder's own models are the demo producer's (My Model Lab), whose key is kept beside the identity.
    const mine = (await call(a, 'catalog.list', { filters: { producer: producerKeyOf(a.keys).publicKey } })).items[0]!;
    await call(a, 'pricing.set', { modelId: mine.id, price: { inputPer1M: 777_000, outputPer1M: 1_554_000, perRequest: 0 } });
    const pending = await call(b, 'sync.status');
    expect(pending.pending.docs).toBeGreaterThan(0);
    expect(pending.pending.records).toBeGreaterThanOrEqual(3);
    expect(pending.peers).toEqual([]);
    // Disconnected means not redialled until asked.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await call(b, 'sync.status')).peers).toEqual([]);

    const view = await call(b, 'sync.connect', { address: addressOfPeer(a) });
    expect(view).toMatchObject({ connected: true, enabled: true, key: a.keys.device.publicKey });
    await inSync([a, b]);
    expect(await catalogOf(b)).toBe(await catalogOf(a));
    expect((await call(a, 'catalog.get', { id: fromB.id })).producerName).toBe('B Labs');
    expect((await call(b, 'catalog.get', { id: mine.id })).price?.inputPer1M).toBe(777_000);
    await waitFor('nothing pending', async () => (await call(b, 'sync.status')).pending.docs === 0 && (await call(a, 'sync.status')).pending.docs === 0);
    expect((await call(b, 'sync.status')).pending.records).toBe(0);
  });

  it('keeps both of two validly signed records that share (author, kind, subject, seq), and reports the conflict', async () => {
    const first = await fx.peer();
    // Not a demo: there the producer is the demo producer key kept beside the identity, which a
    // linked device does not get; here the identity is its own producer on both devices.
    await call(first, 'marketplace.create', { name: 'Two devices' });
    const second = await fx.peer();
    await call(second, 'marketplace.join', { invite: (await call(first, 'identity.linkDevice', {})).code });
    await inSync([first, second]);
    await call(second, 'sync.disconnect', { peerKey: first.keys.device.publicKey });
    await waitFor('the link to drop', async () => (await call(first, 'sync.status')).peers.length === 0);
    // The same person edits the same new model on two devices while they are apart.
    const one = await call(first, 'models.publish', { ...listing('twice'), description: 'written on the first device' });
    const two = await call(second, 'models.publish', { ...listing('twice'), description: 'written on the second device' });
    expect(one.id).toBe(two.id);
    await call(second, 'sync.connect', { address: addressOfPeer(first) });
    await inSync([first, second]);
    for (const engine of [first, second]) {
      const conflicts = await call(engine, 'integrity.conflicts');
      // The listing and its first price were both written twice.
      expect(conflicts.items.map((c) => c.kind).sort()).toEqual(['listing', 'price']);
      const listingConflict = conflicts.items.find((c) => c.kind === 'listing')!;
      expect(listingConflict).toMatchObject({ author: first.keys.identity.publicKey, subject: one.id, seq: 1 });
      expect(listingConflict.hashes).toHaveLength(2);
    }
    // Both devices show the same version, the one with the higher hash, whichever each wrote itself.
    const { hashes } = (await call(first, 'integrity.conflicts')).items.find((c) => c.kind === 'listing')!;
    const stored = new Map(first.docs.records(`catalog/${first.keys.identity.publicKey}`));
    const winner = decodeRecord(stored.get(hashes.at(-1)!)!, null);
    expect(winner.ok && (winner.record.payload.body as { description: string }).description).toMatch(/^written on the (first|second) device$/);
    for (const engine of [first, second]) {
      expect((await call(engine, 'catalog.get', { id: one.id })).description).toBe(winner.ok ? (winner.record.payload.body as { description: string }).description : null);
    }
    expect(await catalogOf(second)).toBe(await catalogOf(first));
  });

  it('lists documents by URL: two engines that each made one for a name keep both through a merge', async () => {
    const [a, b] = await pair();
    await call(b, 'sync.disconnect', { peerKey: a.keys.device.publicKey });
    await waitFor('the link to drop', async () => (await call(a, 'sync.status')).peers.length === 0);
    const name = 'notes/shared-name';
    const ra = signRecord(a.keys.identity, draftOf('profile', a.keys.identity.publicKey, 90, { name: 'A again', description: '', contact: '', website: '' }, 1));
    const rb = signRecord(b.keys.identity, draftOf('profile', b.keys.identity.publicKey, 90, { name: 'B again', description: '', contact: '', website: '' }, 1));
    await a.docs.append(name, [ra]);
    await b.docs.append(name, [rb]);
    await call(b, 'sync.connect', { address: addressOfPeer(a) });
    await inSync([a, b]);
    for (const engine of [a, b]) {
      await waitFor('both documents listed', async () => engine.docs.indexEntries().filter(([, n]) => n === name).length === 2);
      expect(engine.docs.records(name).map(([hash]) => hash).sort()).toEqual([ra.hash, rb.hash].sort());
    }
  });

  it('carries records between two engines never online together, through an always-on peer', async () => {
    const relay = await fx.peer();
    await call(relay, 'marketplace.create', { name: 'Relayed' });
    const invite = (await call(relay, 'marketplace.invite')).invite;
    const a = await fx.peer();
    await call(a, 'marketplace.join', { invite });
    const fromA = await call(a, 'models.publish', listing('from-a'));
    await inSync([relay, a]);
    await waitFor('a acknowledged', async () => (await call(a, 'sync.status')).pending.docs === 0);
    await fx.close(a);
    const b = await fx.peer();
    await call(b, 'marketplace.join', { invite });
    await inSync([relay, b]);
    expect((await call(b, 'catalog.get', { id: fromA.id })).name).toBe('Model from-a');
  });

  it('starts and stops with listed documents that never arrived, and fetches them once a peer has them', async () => {
    const [a, b] = await pair();
    await call(b, 'sync.disconnect', { peerKey: a.keys.device.publicKey });
    await waitFor('the link to drop', async () => (await call(a, 'sync.status')).peers.length === 0);
    const onlyOnA = await call(a, 'models.publish', listing('only-on-a'));
    const extra = signRecord(a.keys.identity, draftOf('profile', a.keys.identity.publicKey, 77, { name: 'Elsewhere', description: '', contact: '', website: '' }, 1));
    await a.docs.append('notes/only-on-a', [extra]);
    const elsewhere = a.docs.documents().find((d) => d.name === 'notes/only-on-a')!;
    // B's index lists a document it never received (a peer wrote it there, or a crash came between).
    b.docs.writeIndex([[elsewhere.url, elsewhere.name]]);
    const dir = b.dataDir;
    await fx.close(b);
    const again = await fx.peer({ dataDir: dir });
    expect((await call(again, 'sync.status')).counts.missingDocs).toBe(1);
    await call(again, 'sync.connect', { address: addressOfPeer(a) });
    await inSync([a, again]);
    await waitFor('the missing document to arrive', async () => (await call(again, 'sync.status')).counts.missingDocs === 0);
    expect(again.docs.records('notes/only-on-a').map(([hash]) => hash)).toEqual([extra.hash]);
    expect((await call(again, 'catalog.get', { id: onlyOnA.id })).name).toBe('Model only-on-a');
  });

  it('disconnect by an unknown key or address is NOT_FOUND', async () => {
    const [a] = await pair();
    expect((await failure(a, 'sync.disconnect', { address: '127.0.0.1:1' })).code).toBe('NOT_FOUND');
  });

  it('pages the quarantine, newest first, filtered by document or kind', async () => {
    const [a, b] = await pair();
    const victim = (await call(a, 'catalog.list', {})).items.find((i) => i.producerKey !== a.keys.identity.publicKey)!;
    const forged = Array.from({ length: 5 }, (_, i) =>
      signRecord(b.keys.identity, draftOf('price', victim.id, 50 + i, { modelId: victim.id, price: { inputPer1M: i, outputPer1M: i, perRequest: 0 }, effectiveFrom: 0 }, i)),
    );
    // Written straight into the shared document, as a peer could: every peer must refuse them.
    const doc = a.docs.documents().find((d) => d.name === `catalog/${victim.producerKey}`)!;
    b.docs.write(doc.url, forged.map((r) => [r.hash, r.bytes]));
    await waitFor('a to quarantine them', async () => (await call(a, 'integrity.quarantine', {})).total === 5);
    const page = await call(a, 'integrity.quarantine', { offset: 1, limit: 2, doc: `catalog/${victim.producerKey}`, kind: 'price' });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.reason).toMatch(/not by its producer/);
    expect((await call(a, 'integrity.quarantine', { kind: 'listing' })).total).toBe(0);
    expect((await call(a, 'catalog.get', { id: victim.id })).price).toEqual(victim.price);
  });
});
