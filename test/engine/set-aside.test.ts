import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import { modelIdOf } from '../../src-shared/domain';
import { CatalogState } from '../../src-main/engine/catalog/catalog-state';
import { generateSigningKey, SignatureVerifier, signBytes, type SigningKey } from '../../src-main/engine/identity/keys';
import { MarketplaceState } from '../../src-main/engine/marketplace/marketplace-state';
import { RecordBook } from '../../src-main/engine/records/record-book';
import { MAX_CLOCK_SKEW_MS } from '../../src-main/engine/records/set-aside';
import { draftOf, recordHash, signRecord, SIGNATURE_BYTES, type SignedRecord } from '../../src-main/engine/records/signed';
import { LISTING } from '../catalog/helpers';

const NOW = 1_800_000_000_000;
const producer = generateSigningKey();

function listing(slug: string, ts: number): SignedRecord {
  return signRecord(producer, draftOf('listing', modelIdOf(producer.publicKey, slug), 1, { ...LISTING, slug, retired: false }, ts));
}

function signRaw(key: SigningKey, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(SIGNATURE_BYTES + body.length);
  out.set(signBytes(key, body), 0);
  out.set(body, SIGNATURE_BYTES);
  return out;
}

/** A validly signed record nested `depth` deep whose tail names `kind` (built as text: canonicalJson would recurse). */
function deep(key: SigningKey, kind: string, depth = 6_000): Uint8Array {
  return signRaw(key, `{"author":"${key.publicKey}","body":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"kind":"${kind}","seq":1,"subject":"${kind}:x","ts":${NOW},"v":1}`);
}

function book(): { book: RecordBook; catalog: CatalogState } {
  const catalog = new CatalogState();
  return { book: new RecordBook(new MarketplaceState(generateSigningKey().publicKey, null), catalog, new SignatureVerifier()), catalog };
}

describe('records set aside: held until their time, pending a newer format', () => {
  it('holds a record dated past the allowed skew, lists it as held, and applies it once local time reaches it', () => {
    const { book: b, catalog } = book();
    const ahead = listing('ahead', NOW + 60 * 60_000);
    const outcome = b.ingestBytes('catalog/p', ahead.bytes, NOW, ahead.hash);
    const until = NOW + 60 * 60_000 - MAX_CLOCK_SKEW_MS;
    expect(outcome).toEqual({ status: 'held', hash: ahead.hash, until });
    expect(catalog.modelIds()).toEqual([]);
    expect(b.quarantineCount).toBe(0);
    expect(b.integrityRows()).toEqual([expect.objectContaining({ hash: ahead.hash, status: 'held', until, reason: expect.stringMatching(/held until then/) })]);
    // Arriving again changes nothing; nothing is due a millisecond early.
    expect(b.ingestBytes('catalog/p', ahead.bytes, NOW + 1, ahead.hash).status).toBe('held');
    expect(b.nextHeldAt()).toBe(until);
    expect(b.releaseDue(until - 1)).toEqual([]);
    expect(b.releaseDue(until)).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(catalog.modelIds()).toEqual([modelIdOf(producer.publicKey, 'ahead')]);
    expect(b.integrityRows()).toEqual([]);
    expect(b.nextHeldAt()).toBeNull();
  });

  it('applies at once a record dated ahead by less than the skew', () => {
    const { book: b } = book();
    const near = listing('near', NOW + MAX_CLOCK_SKEW_MS);
    expect(b.ingestBytes('catalog/p', near.bytes, NOW, near.hash).status).toBe('applied');
  });

  it('sets a validly signed newer-format record aside as pending, and quarantines a forged one', () => {
    const { book: b } = book();
    const payload = { ...listing('next', NOW).payload, v: 2, capabilities: ['streaming'] };
    const newer = signRaw(producer, canonicalJson(payload));
    expect(b.ingestBytes('catalog/p', newer, NOW)).toMatchObject({ status: 'pending', reason: expect.stringMatching(/format v2 is newer/) });
    expect(b.integrityRows()).toEqual([expect.objectContaining({ hash: recordHash(newer), status: 'pending', kind: 'listing', author: producer.publicKey })]);
    const forged = newer.slice();
    forged[3]! ^= 0xff;
    expect(b.ingestBytes('catalog/p', forged, NOW)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/signature does not verify/) });
    expect(b.quarantineCount).toBe(1);
  });

  it('takes every record in on its own: a 6,000-deep one is quarantined, the others apply, nothing throws', async () => {
    const { book: b, catalog } = book();
    const attacker = generateSigningKey();
    const poison = [deep(attacker, 'profile'), deep(attacker, 'batch')];
    const good = [listing('one', NOW), listing('two', NOW)];
    const items = [good[0]!.bytes, ...poison, good[1]!.bytes].map((bytes) => ({ doc: 'catalog/p', key: recordHash(bytes), bytes }));
    expect(() => b.noteBatches(items.map((i) => i.bytes))).not.toThrow();
    await b.ingestAll(items, NOW);
    await b.close();
    expect(catalog.modelIds().sort()).toEqual(good.map((g) => g.payload.subject).sort());
    expect(b.quarantine().map((q) => q.reason)).toEqual(poison.map(() => expect.stringMatching(/nests deeper than 32 levels/)));
  });
});
