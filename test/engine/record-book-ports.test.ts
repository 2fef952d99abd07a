import { describe, expect, it } from 'vitest';
import { RECORD_BODIES, type RecordKind } from '../../src-shared/domain';
import { authorityRules } from '../../src-main/engine/compose/authority';
import { generateSigningKey, SignatureVerifier, type SigningKey } from '../../src-main/engine/identity/keys';
import type { AuthorityRule } from '../../src-main/engine/records/authority';
import { RecordBook, type MarketplacePort, type RecordApplier } from '../../src-main/engine/records/record-book';
import { RECORD_RULES } from '../../src-main/engine/records/record-rules';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';

const treasury = generateSigningKey();
const stranger = generateSigningKey();
const config = { name: 'Market', feeBps: 500, epochSeconds: 604_800, graceSeconds: 86_400 };

function profileOf(key: SigningKey, seq = 1): SignedRecord {
  return signRecord(key, draftOf('profile', key.publicKey, seq, { name: `Lab ${seq}`, description: '', contact: '', website: '' }, 1));
}

function configBy(key: SigningKey): SignedRecord {
  return signRecord(key, draftOf('marketplace-config', key.publicKey, 1, config, 1));
}

/** Plain fakes of the book's ports: who saw which record, in order. No engine, no domain state. */
function fakes(marketplaceId: string | null) {
  const seen: string[] = [];
  const marketplace: MarketplacePort = {
    id: marketplaceId,
    apply: (record) => {
      seen.push(`marketplace:${record.payload.kind}`);
      return record.payload.kind === 'marketplace-config';
    },
  };
  const catalog: RecordApplier = {
    apply: (record) => {
      seen.push(`catalog:${record.payload.kind}`);
      return [`model-of-${record.payload.author.slice(0, 8)}`];
    },
  };
  const later: RecordApplier = {
    apply: (record) => {
      seen.push(`later:${record.payload.kind}`);
      return ['later-model'];
    },
  };
  return { seen, marketplace, catalog, later };
}

describe('RecordBook with plain fakes of its ports', () => {
  it('hands an applied record to the marketplace, the catalog, then the registered states, and sums what they changed', async () => {
    const { seen, marketplace, catalog, later } = fakes(treasury.publicKey);
    const book = new RecordBook(marketplace, catalog, new SignatureVerifier());
    book.register(later);
    try {
      const record = profileOf(stranger);
      const outcome = book.ingestBytes(`identity/${stranger.publicKey}`, record.bytes, 1, record.hash);
      expect(outcome).toMatchObject({ status: 'applied', changedModels: [`model-of-${stranger.publicKey.slice(0, 8)}`, 'later-model'], marketplaceChanged: false });
      expect(seen).toEqual(['marketplace:profile', 'catalog:profile', 'later:profile']);
      expect(book.isAccepted(record.hash)).toBe(true);
      expect(book.ingestBytes(`identity/${stranger.publicKey}`, record.bytes, 1, record.hash)).toEqual({ status: 'duplicate', hash: record.hash });
      expect(seen).toHaveLength(3);
    } finally {
      await book.close();
    }
  });

  it("judges the marketplace config by the marketplace port's id, and reports the port's change", async () => {
    const { seen, marketplace, catalog } = fakes(treasury.publicKey);
    const book = new RecordBook(marketplace, catalog, new SignatureVerifier());
    try {
      const forged = configBy(stranger);
      expect(book.ingestBytes('marketplace', forged.bytes, 1, forged.hash)).toMatchObject({
        status: 'quarantined',
        reason: `marketplace config signed by ${stranger.publicKey}, not by the treasury ${treasury.publicKey}`,
      });
      const real = configBy(treasury);
      expect(book.ingestBytes('marketplace', real.bytes, 1, real.hash)).toMatchObject({ status: 'applied', marketplaceChanged: true });
      expect(seen).toEqual(['marketplace:marketplace-config', 'catalog:marketplace-config']);
      expect(book.quarantine().map((row) => row.hash)).toEqual([forged.hash]);
    } finally {
      await book.close();
    }
  });

  it('asks the registered rule of each kind, and refuses a kind whose rule was never registered', async () => {
    const { seen, marketplace, catalog } = fakes(null);
    const refuseProfiles: AuthorityRule = (payload) => `profiles of ${payload.author} refused by this rule`;
    const onlyProfiles = new Map<RecordKind, AuthorityRule>([['profile', refuseProfiles]]);
    const book = new RecordBook(marketplace, catalog, new SignatureVerifier(), null, onlyProfiles);
    try {
      const profile = profileOf(stranger);
      expect(book.ingestBytes('identity/x', profile.bytes, 1, profile.hash)).toMatchObject({ status: 'quarantined', reason: `profiles of ${stranger.publicKey} refused by this rule` });
      expect(book.violation(profile)).toBe(`profiles of ${stranger.publicKey} refused by this rule`);
      const config = configBy(treasury);
      expect(book.ingestBytes('marketplace', config.bytes, 1, config.hash)).toMatchObject({ status: 'quarantined', reason: 'no authority rule for marketplace-config records is registered on this engine' });
      expect(seen).toEqual([]);
    } finally {
      await book.close();
    }
  });
});

describe('authority rules', () => {
  it('the composition root registers a rule for every kind of record; the records folder alone knows all but the ledger kinds', () => {
    const kinds = Object.keys(RECORD_BODIES) as RecordKind[];
    const composed = authorityRules();
    expect(kinds.filter((kind) => !composed.has(kind))).toEqual([]);
    expect(kinds.filter((kind) => !RECORD_RULES.has(kind)).sort()).toEqual(['ledger-checkpoint', 'ledger-entry']);
  });
});
