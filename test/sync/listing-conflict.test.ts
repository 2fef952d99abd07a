import { describe, expect, it } from 'vitest';
import { modelIdOf } from '../../src-shared/domain';
import { CatalogState } from '../../src-main/engine/catalog/catalog-state';
import { generateSigningKey, SignatureVerifier } from '../../src-main/engine/identity/keys';
import { MarketplaceState } from '../../src-main/engine/marketplace/marketplace-state';
import { RecordBook } from '../../src-main/engine/records/record-book';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { ConflictLog } from '../../src-main/engine/sync/conflicts';
import { LISTING } from './helpers';

const producer = generateSigningKey();
const treasury = generateSigningKey();
const slug = 'twice';
const modelId = modelIdOf(producer.publicKey, slug);

function listingRecord(seq: number, description: string): SignedRecord {
  const body = { ...LISTING, slug, name: 'Twice', description, retired: false };
  return signRecord(producer, draftOf('listing', modelId, seq, body, 1_700_000_000_000));
}

function profileRecord(seq: number, name: string): SignedRecord {
  return signRecord(producer, draftOf('profile', producer.publicKey, seq, { name, description: '', contact: '', website: '' }, 1_700_000_000_000));
}

/** One peer's view: the RecordBook path every record takes, with the conflict log sync registers. */
function peer(records: readonly SignedRecord[]) {
  const catalog = new CatalogState();
  const book = new RecordBook(new MarketplaceState(treasury.publicKey, null), catalog, new SignatureVerifier());
  const conflicts = new ConflictLog(() => 42);
  book.register(conflicts);
  for (const record of records) expect(book.ingestBytes(`catalog/${producer.publicKey}`, record.bytes, 1_700_000_000_000, record.hash).status).toBe('applied');
  return { catalog, conflicts };
}

describe('equal-seq conflicts in the catalog (two devices of one producer)', () => {
  // Same (author, subject, seq), different content: written on two devices while they were apart.
  const one = listingRecord(3, 'written on the first device');
  const two = listingRecord(3, 'written on the second device');
  const [low, high] = one.hash < two.hash ? [one, two] : [two, one];

  it('shows the same listing on every peer whatever order the two arrived in: the higher hash', () => {
    const lowFirst = peer([low, high]);
    const highFirst = peer([high, low]);
    expect(lowFirst.catalog.listing(modelId)?.description).toBe((high.payload.body as { description: string }).description);
    expect(highFirst.catalog.listing(modelId)).toEqual(lowFirst.catalog.listing(modelId));
    expect(highFirst.catalog.item(modelId, 2)).toEqual(lowFirst.catalog.item(modelId, 2));
  });

  it('reports the conflict with both records, in both arrival orders', () => {
    for (const order of [[low, high], [high, low]]) {
      const { conflicts } = peer(order);
      expect(conflicts.list()).toEqual([{ kind: 'listing', author: producer.publicKey, subject: modelId, seq: 3, hashes: [low.hash, high.hash], detectedAt: 42 }]);
    }
  });

  it('still lets a higher seq win over both, and never goes back to a lower one', () => {
    const next = listingRecord(4, 'reconciled');
    const older = listingRecord(2, 'older');
    for (const order of [[low, next, high, older], [older, high, next, low]]) {
      const { catalog, conflicts } = peer(order);
      expect(catalog.listing(modelId)?.description).toBe('reconciled');
      expect(catalog.nextSeq('listing', modelId)).toBe(5);
      expect(conflicts.size).toBe(1);
    }
  });

  it('breaks an equal-seq profile tie the same way', () => {
    const a = profileRecord(7, 'Lab A');
    const b = profileRecord(7, 'Lab B');
    const winner = a.hash > b.hash ? 'Lab A' : 'Lab B';
    for (const order of [[a, b], [b, a]]) {
      const { catalog, conflicts } = peer(order);
      expect(catalog.profile(producer.publicKey)?.name).toBe(winner);
      expect(conflicts.list().map((c) => c.kind)).toEqual(['profile']);
    }
  });
});
