import { afterAll, describe, expect, it } from 'vitest';
import { decodeRecord, draftOf, recordHash, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { MaliciousPeer } from './malicious-peer';
import { converged, ServeProcess, waitFor } from './processes';

const peers: ServeProcess[] = [];
const attackers: MaliciousPeer[] = [];
afterAll(async () => {
  for (const attacker of attackers.splice(0)) await attacker.close();
  for (const peer of peers.splice(0)) await peer.destroy();
});

function recordsOf(doc: { records: Record<string, Uint8Array> }): SignedRecord[] {
  return Object.values(doc.records).flatMap((bytes) => {
    const decoded = decodeRecord(bytes, null);
    return decoded.ok ? [decoded.record] : [];
  });
}

/**
 * Two honest `serve` processes and a peer that passes the handshake with its own key, then uses
 * automerge-repo to write straight into the honest peers' shared documents: it rewrites another
 * producer's price in place, adds a price signed by the wrong key, adds a listing with a broken
 * signature, and deletes records from a ledger document.
 */
describe('a malicious peer', () => {
  it('cannot forge, rewrite or truncate: honest peers quarantine with reasons, keep the originals, report the truncation', { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all([ServeProcess.start(), ServeProcess.start()]);
    peers.push(a, b);
    const market = await a.call('marketplace.openDemo');
    await b.call('marketplace.join', { invite: (await a.call('marketplace.invite')).invite });
    await converged([a, b]);
    const ledgerBefore = await a.call('ledger.verify');
    expect(ledgerBefore.ok).toBe(true);
    // Cut A from B so each receives the attack itself (not A's repair of it).
    await b.call('sync.disconnect', { peerKey: (await a.call('sync.status')).peerKey });
    await waitFor('the link to drop', async () => (await a.call('sync.status')).peers.length === 0);

    const [onA, onB] = [await MaliciousPeer.connect(a.syncAddress, market.id), await MaliciousPeer.connect(b.syncAddress, market.id)];
    attackers.push(onA, onB);
    const me = (await a.call('system.health')).identity.producerKey;
    const victimDoc = (await onA.entries()).find(([, name]) => name.startsWith('catalog/') && name !== `catalog/${me}`)![1];
    const catalog = await onA.open(victimDoc);
    const records = recordsOf(catalog.doc());
    const price = records.find((r) => r.payload.kind === 'price')!;
    const listing = records.find((r) => r.payload.kind === 'listing')!;
    const modelId = price.payload.subject;
    const before = await a.call('catalog.get', { id: modelId });
    const history = await a.call('pricing.history', { modelId });

    // 1. The same key, other bytes: the price cut to 1 micro-credit (the signature no longer matches).
    const text = new TextDecoder().decode(price.bytes.subarray(64)).replace(/"inputPer1M":\d+/, '"inputPer1M":1');
    const rewritten = new Uint8Array([...price.bytes.subarray(0, 64), ...new TextEncoder().encode(text)]);
    // 2. A new, higher-seq price for that model, validly signed, but by the attacker's key.
    const body = price.payload.body as Record<string, unknown>;
    const wrongSigner = signRecord(onA.key, draftOf('price', modelId, 99, { ...body, price: { inputPer1M: 2, outputPer1M: 2, perRequest: 0 }, effectiveFrom: 0 }, Date.now()));
    // 3. A listing whose signature is broken (stored under its own hash, as an honest record would be).
    const forged = new Uint8Array(listing.bytes);
    forged[5]! ^= 0xff;
    // The fullest ledger document (a month may hold a single entry).
    let ledgerName = '';
    let most = 0;
    for (const [, name] of (await onA.entries()).filter(([, n]) => n.startsWith('ledger/'))) {
      const size = Object.keys((await onA.open(name)).doc().records).length;
      if (size > most) [ledgerName, most] = [name, size];
    }
    expect(most).toBeGreaterThanOrEqual(3);
    for (const attacker of [onA, onB]) {
      const doc = await attacker.open(victimDoc);
      doc.change((d) => {
        d.records[price.hash] = rewritten;
        d.records[wrongSigner.hash] = wrongSigner.bytes;
        d.records[recordHash(forged)] = forged;
      });
      // 4. Truncation: delete records from a ledger document.
      const ledger = await attacker.open(ledgerName);
      const doomed = Object.keys(ledger.doc().records).slice(0, 3);
      ledger.change((d) => {
        for (const key of doomed) delete d.records[key];
      });
    }

    for (const honest of [a, b]) {
      await waitFor('quarantine and truncation reports', async () => {
        const status = await honest.call('sync.status');
        return status.counts.quarantined >= 3 && status.counts.truncations >= 2;
      });
      const quarantine = (await honest.call('integrity.quarantine', {})).items;
      const byHash = new Map(quarantine.map((q) => [q.hash, q]));
      expect(byHash.get(recordHash(rewritten))).toMatchObject({ kind: 'price', doc: victimDoc, reason: expect.stringMatching(/signature does not verify/) });
      expect(byHash.get(wrongSigner.hash)).toMatchObject({ kind: 'price', author: onA.key.publicKey, reason: expect.stringMatching(/not by its producer/) });
      expect(byHash.get(recordHash(forged))).toMatchObject({ kind: 'listing', reason: expect.stringMatching(/signature does not verify/) });
      for (const q of quarantine) expect(q.receivedAt).toBeGreaterThan(0);
      // The originals are kept: same price, same history, the ledger whole and still valid.
      expect(await honest.call('catalog.get', { id: modelId })).toEqual(before);
      expect(await honest.call('pricing.history', { modelId })).toEqual(history);
      const truncations = (await honest.call('integrity.truncations')).items;
      expect(truncations.find((t) => t.doc === ledgerName)).toMatchObject({ removed: 3 });
      expect(truncations.find((t) => t.doc === victimDoc)).toMatchObject({ overwritten: 1, hashes: [price.hash] });
      const ledger = await honest.call('ledger.verify');
      expect(ledger).toMatchObject({ ok: true, entries: ledgerBefore.entries, chains: ledgerBefore.chains });
    }
    // The repair reached the attacker's copies too.
    await waitFor('the attacker to see the records back', async () => {
      const doc = (await onA.open(victimDoc)).doc();
      return Buffer.from(doc.records[price.hash]!).equals(Buffer.from(price.bytes)) && Object.keys((await onA.open(ledgerName)).doc().records).length > 0;
    });
    // Honest peers agree again once reconnected, and a restart loses nothing.
    await b.call('sync.connect', { address: a.syncAddress });
    const agreed = await converged([a, b]);
    await a.stop();
    await a.launch();
    expect((await a.call('sync.status')).digest).toBe(agreed.digest);
    expect((await a.call('integrity.quarantine', {})).total).toBeGreaterThanOrEqual(3);
    expect(await a.call('catalog.get', { id: modelId })).toEqual(before);
  });
});
