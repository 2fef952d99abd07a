import { describe, expect, it } from 'vitest';
import { MAX_BATCH_HASHES } from '../../src-shared/domain';
import { CatalogState } from '../../src-main/engine/catalog/catalog-state';
import { generateSigningKey, SignatureVerifier, type SigningKey } from '../../src-main/engine/identity/keys';
import { MarketplaceState } from '../../src-main/engine/marketplace/marketplace-state';
import { BATCH_MIN, kindOf, mayBeBatch, signBatches, signBatchesOver } from '../../src-main/engine/records/batch';
import { RecordBook } from '../../src-main/engine/records/record-book';
import { draftOf, recordHash, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { listing } from './helpers';

const producer = generateSigningKey();
const other = generateSigningKey();

function profile(key: SigningKey, seq: number): SignedRecord {
  return signRecord(key, draftOf('profile', key.publicKey, seq, { name: `Lab ${seq}`, description: '', contact: '', website: '' }, 1));
}

function listingOf(key: SigningKey, slug: string): SignedRecord {
  const { price: _price, ...body } = listing(slug);
  return signRecord(key, draftOf('listing', `${key.publicKey}:${slug}`, 1, { ...body, retired: false }, 1));
}

/** Same payload, same claimed author, an invalid signature of its own. */
function forged(record: SignedRecord): SignedRecord {
  const bytes = record.bytes.slice();
  bytes[0] = bytes[0]! ^ 0xff;
  return { ...record, bytes, hash: '' };
}

class CountingVerifier extends SignatureVerifier {
  calls = 0;
  override verify(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
    this.calls++;
    return super.verify(publicKey, data, signature);
  }
}

function book(verifier = new CountingVerifier()): { book: RecordBook; verifier: CountingVerifier } {
  return { book: new RecordBook(new MarketplaceState(generateSigningKey().publicKey, null), new CatalogState(), verifier), verifier };
}

/** The records with their hashes recomputed (a forged copy has other bytes, so another hash). */
function withHashes(records: SignedRecord[]): SignedRecord[] {
  return records.map((r) => ({ ...r, hash: recordHash(r.bytes) }));
}

describe('batch signatures: making them', () => {
  it('lists, in order, the hashes of the signer’s own records of vouchable kinds, under subject batch:<first hash>', () => {
    const own = Array.from({ length: BATCH_MIN }, (_, i) => profile(producer, i + 1));
    const theirs = profile(other, 1);
    const [batch, ...more] = signBatches(producer, [...own, theirs], 5);
    expect(more).toEqual([]);
    const hashes = (batch!.payload.body as { hashes: string[] }).hashes;
    expect(hashes).toEqual(own.map((r) => r.hash).sort());
    expect(batch!.payload).toMatchObject({ kind: 'batch', author: producer.publicKey, subject: `batch:${hashes[0]}`, seq: 1, ts: 5 });
    expect(mayBeBatch(batch!.bytes)).toBe(true);
    expect(kindOf(batch!.bytes)).toBe('batch');
    expect(mayBeBatch(own[0]!.bytes)).toBe(false);
    expect(kindOf(own[0]!.bytes)).toBe('profile');
  });

  it('makes none for fewer than BATCH_MIN records, and splits past MAX_BATCH_HASHES', () => {
    expect(signBatches(producer, Array.from({ length: BATCH_MIN - 1 }, (_, i) => profile(producer, i + 1)), 1)).toEqual([]);
    const hashes = Array.from({ length: MAX_BATCH_HASHES + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
    const batches = signBatchesOver(producer, hashes, Number.MAX_SAFE_INTEGER);
    expect(batches.map((b) => (b.payload.body as { hashes: string[] }).hashes.length)).toEqual([MAX_BATCH_HASHES, 1]);
    // The pre-filter reads only a payload's tail: it must still see the longest timestamp.
    expect(batches.map((b) => mayBeBatch(b.bytes))).toEqual([true, true]);
  });
});

describe('batch signatures: taking them in', () => {
  it('one verify on the engine thread (the batch) and none on the workers covers every record the batch lists', async () => {
    const { book: b, verifier } = book();
    try {
      const own = Array.from({ length: 20 }, (_, i) => profile(producer, i + 1));
      const [batch] = signBatches(producer, own, 1);
      // Their own signatures are broken: only the batch can make them count, so a verdict proves the skip.
      const broken = withHashes(own.map(forged));
      const listed = signBatchesOver(producer, broken.map((r) => r.hash), 1)[0]!;
      b.noteBatches([listed.bytes, batch!.bytes]);
      expect(verifier.calls).toBe(2);
      const verdicts = await b.preverify(broken.map((r) => r.bytes));
      expect(verdicts).toEqual(broken.map((r) => r.hash));
      for (const r of broken) expect(b.ingestBytes('catalog/p', r.bytes, 1, r.hash, r.hash).status).toBe('applied');
      expect(b.quarantineCount).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('a batch vouches only for its own author’s records, and a forged batch for none', async () => {
    const { book: b } = book();
    try {
      const [mine] = withHashes([forged(profile(producer, 1))]);
      const [theirs] = withHashes([forged(profile(other, 1))]);
      const byOther = signBatchesOver(other, [mine!.hash], 1)[0]!;
      const fake = forged(signBatchesOver(producer, [theirs!.hash, mine!.hash].sort(), 1)[0]!);
      b.noteBatches([byOther.bytes, fake.bytes]);
      expect(await b.preverify([mine!.bytes, theirs!.bytes])).toEqual([null, null]);
      const outcome = b.ingestBytes('catalog/p', mine!.bytes, 1, mine!.hash);
      expect(outcome).toMatchObject({ status: 'quarantined', reason: `signature does not verify for author ${producer.publicKey}` });
    } finally {
      await b.close();
    }
  });

  it('never vouches for ledger records or batches: those keep their own signature', async () => {
    const { book: b } = book();
    try {
      const entry = signRecord(producer, draftOf('ledger-entry', `ledger:${producer.publicKey}`, 1, { anything: true }, 1));
      const [brokenEntry] = withHashes([forged(entry)]);
      const [batch] = signBatchesOver(producer, [brokenEntry!.hash], 1);
      b.noteBatches([batch!.bytes]);
      expect(await b.preverify([brokenEntry!.bytes])).toEqual([null]);
      expect(b.ingestBytes('ledger/x', brokenEntry!.bytes, 1, brokenEntry!.hash)).toMatchObject({ status: 'quarantined', reason: expect.stringContaining('signature does not verify') });
    } finally {
      await b.close();
    }
  });

  it('a record quarantined for its signature counts once a batch of its author listing it arrives, in either order', async () => {
    const { book: b } = book();
    try {
      const [model, after] = withHashes([forged(listingOf(producer, 'late-batch')), forged(listingOf(producer, 'after-batch'))]);
      expect(b.ingestBytes('catalog/p', model!.bytes, 1, model!.hash).status).toBe('quarantined');
      expect(b.quarantine().map((row) => row.hash)).toEqual([model!.hash]);
      const [batch] = signBatchesOver(producer, [model!.hash, after!.hash].sort(), 2);
      const outcome = b.ingestBytes('catalog/p', batch!.bytes, 2, batch!.hash);
      expect(outcome).toMatchObject({ status: 'applied', changedModels: [`${producer.publicKey}:late-batch`] });
      expect(b.quarantineCount).toBe(0);
      expect(b.isAccepted(model!.hash)).toBe(true);
      // Arriving after its batch, with no worker verdict: the engine thread takes the batch's word too.
      expect(b.ingestBytes('catalog/p', after!.bytes, 3, after!.hash)).toMatchObject({ status: 'applied', changedModels: [`${producer.publicKey}:after-batch`] });
    } finally {
      await b.close();
    }
  });

  it('quarantines a malformed batch with its reason', async () => {
    const { book: b } = book();
    try {
      const hashes = ['b'.repeat(64), 'a'.repeat(64)];
      const unsorted = signRecord(producer, draftOf('batch', `batch:${hashes[0]}`, 1, { hashes }, 1));
      const misnamed = signRecord(producer, draftOf('batch', 'batch:x', 1, { hashes: ['a'.repeat(64)] }, 1));
      expect(b.ingestBytes('catalog/p', unsorted.bytes, 1, unsorted.hash)).toMatchObject({ reason: 'batch hashes must be unique and in ascending order' });
      expect(b.ingestBytes('catalog/p', misnamed.bytes, 1, misnamed.hash)).toMatchObject({ reason: 'batch subject must be batch:<its first hash>' });
    } finally {
      await b.close();
    }
  });
});
