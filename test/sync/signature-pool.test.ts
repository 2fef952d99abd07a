import { describe, expect, it } from 'vitest';
import { CatalogState } from '../../src-main/engine/catalog/catalog-state';
import { generateSigningKey, SignatureVerifier } from '../../src-main/engine/identity/keys';
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

/** Counts the verifications done on the engine's thread. */
class CountingVerifier extends SignatureVerifier {
  calls = 0;
  override verify(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
    this.calls++;
    return super.verify(publicKey, data, signature);
  }
}

describe('signature verification on worker threads', () => {
  it('answers the hashes of the records whose signature verifies, and only those', async () => {
    const pool = new SignaturePool(2);
    try {
      const good = Array.from({ length: 600 }, (_, i) => profile(`Lab ${i}`, i + 1));
      const bad = forged(good[7]!.bytes);
      const junk = new TextEncoder().encode('x'.repeat(80));
      const answer = await pool.verified([...good.map((r) => r.bytes), bad, junk, new Uint8Array(10)]);
      expect(answer.sort()).toEqual(good.map((r) => r.hash).sort());
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
      await book.preverify([good.bytes, bad]);
      expect(book.ingestBytes('catalog/x', good.bytes, 1, good.hash).status).toBe('applied');
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
});
