import { describe, expect, it } from 'vitest';
import { CatalogState } from '../../src-main/engine/catalog/catalog-state';
import { generateSigningKey, signBytes, SignatureVerifier } from '../../src-main/engine/identity/keys';
import { MarketplaceState } from '../../src-main/engine/marketplace/marketplace-state';
import { RecordBook } from '../../src-main/engine/records/record-book';
import { SignaturePool } from '../../src-main/engine/records/signature-pool';
import { draftOf, recordHash, signRecord } from '../../src-main/engine/records/signed';

const key = generateSigningKey();
const profile = (name: string, seq: number) => signRecord(key, draftOf('profile', key.publicKey, seq, { name, description: '', contact: '', website: '' }, 1));

/** The signature bytes of a record flipped: same payload, same claimed author, invalid signature. */
function forged(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[0] = copy[0]! ^ 0xff;
  return copy;
}

/** A payload signed as it is, canonical or not. */
function signedText(text: string, by = key): Uint8Array {
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(64 + body.length);
  bytes.set(signBytes(by, body), 0);
  bytes.set(body, 64);
  return bytes;
}

/** Counts the verifications done on the engine's thread. */
class CountingVerifier extends SignatureVerifier {
  calls = 0;
  override verify(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
    this.calls++;
    return super.verify(publicKey, data, signature);
  }
}

describe('signature verification on worker threads', () => {
  it('answers, per record in order, its hash when its signature verifies, else null', async () => {
    const pool = new SignaturePool(2);
    try {
      const good = Array.from({ length: 600 }, (_, i) => profile(`Lab ${i}`, i + 1));
      const bad = forged(good[7]!.bytes);
      const junk = new TextEncoder().encode('x'.repeat(80));
      const answer = await pool.verified([...good.map((r) => r.bytes), bad, junk, new Uint8Array(10)]);
      expect(answer).toEqual([...good.map((r) => r.hash), null, null, null]);
    } finally {
      await pool.close();
    }
  });

  it('spares the engine thread the verification, and a forged record still gets its precise reason there', async () => {
    const verifier = new CountingVerifier();
    const book = new RecordBook(new MarketplaceState(generateSigningKey().publicKey, null), new CatalogState(), verifier);
    try {
      const good = profile('Lab', 1);
      const bad = forged(profile('Lab', 2).bytes);
      const verdicts = await book.preverify([good.bytes, bad]);
      expect(verdicts).toEqual([good.hash, null]);
      expect(book.ingestBytes('catalog/x', good.bytes, 1, good.hash, verdicts[0]!).status).toBe('applied');
      expect(verifier.calls).toBe(0);
      expect(book.ingestBytes('catalog/x', bad, 1, recordHash(bad))).toMatchObject({ status: 'quarantined', reason: `signature does not verify for author ${key.publicKey}` });
      expect(verifier.calls).toBe(1);
    } finally {
      await book.close();
    }
  });

  it('start-up (ingestAll) verifies every stored record on the workers, none on the engine thread', async () => {
    const verifier = new CountingVerifier();
    const book = new RecordBook(new MarketplaceState(generateSigningKey().publicKey, null), new CatalogState(), verifier);
    try {
      const records = Array.from({ length: 1_200 }, (_, i) => profile(`Lab ${i}`, i + 1));
      await book.ingestAll(records.map((r) => ({ doc: 'catalog/x', key: r.hash, bytes: r.bytes })), 1);
      expect(records.every((r) => book.isAccepted(r.hash))).toBe(true);
      expect(verifier.calls).toBe(0);
    } finally {
      await book.close();
    }
  });

  it('takes the author from a payload however it is written, and the engine still refuses one that names two', async () => {
    const other = generateSigningKey();
    const canonical = new TextDecoder().decode(profile('Lab', 3).bytes.subarray(64));
    // Keys out of order: not canonical, so the worker parses it whole; its signature still verifies.
    const reordered = signedText(JSON.stringify({ v: 1, ...JSON.parse(canonical) }));
    // A second "author" key: JSON.parse keeps the last, but the bytes start with the first, which signed it.
    const twoAuthors = signedText(canonical.replace(/}$/, `,"author":"${other.publicKey}"}`));
    const verifier = new CountingVerifier();
    const book = new RecordBook(new MarketplaceState(generateSigningKey().publicKey, null), new CatalogState(), verifier);
    try {
      const verdicts = await book.preverify([reordered, twoAuthors]);
      expect(verdicts).toEqual([recordHash(reordered), recordHash(twoAuthors)]);
      expect(book.ingestBytes('catalog/x', reordered, 1, verdicts[0]!, verdicts[0]!)).toMatchObject({ status: 'quarantined', reason: 'payload is not in canonical JSON form' });
      expect(book.ingestBytes('catalog/x', twoAuthors, 1, verdicts[1]!, verdicts[1]!)).toMatchObject({ status: 'quarantined', reason: 'payload is not in canonical JSON form' });
      expect(book.recordCount).toBe(0);
    } finally {
      await book.close();
    }
  });
});
