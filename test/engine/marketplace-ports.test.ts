import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceConfigBody } from '../../src-shared/domain';
import { loadOrCreateKeys } from '../../src-main/engine/identity/identity';
import { SignatureVerifier, type SigningKey } from '../../src-main/engine/identity/keys';
import type { MarketplaceContext } from '../../src-main/engine/marketplace/context';
import { createMarketplace, DEFAULT_CONFIG } from '../../src-main/engine/marketplace/create';
import type { MarketplaceInfo } from '../../src-main/engine/marketplace/marketplace-state';
import { decodeRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { SecretFiles } from '../../src-main/engine/secrets/secret-files';

/**
 * Creating a marketplace through its port (marketplace/context.ts) with plain fakes: no Engine is
 * opened. The only real thing is the key file written into a temporary folder.
 */
describe('marketplace.create through its port', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ir-market-ports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function fakeEngine(dataDir: string, id: string | null = null) {
    const steps: string[] = [];
    const published: Array<{ doc: string; records: SignedRecord[] }> = [];
    let adopted: SigningKey | null = null;
    let info: MarketplaceInfo | null = null;
    const context: MarketplaceContext = {
      clock: () => 42_000,
      secrets: new SecretFiles(dataDir, null),
      marketplace: {
        get id() {
          return id;
        },
        info: () => info,
      },
      adoptTreasury: (key) => {
        steps.push('treasury');
        adopted = key;
      },
      adoptMarketplace: async (marketplaceId) => {
        steps.push('marketplace');
        id = marketplaceId;
      },
      publish: async (doc, records) => {
        steps.push('publish');
        published.push({ doc, records });
        const body = records[0]!.payload.body as MarketplaceConfigBody;
        info = { id: id!, ...body, isTreasury: adopted?.publicKey === id };
      },
    };
    return { context, steps, published, adopted: () => adopted };
  }

  it('makes a treasury key, adopts it before joining, and signs the config with it', async () => {
    const fake = fakeEngine(join(dir, 'new'));
    const info = await createMarketplace(fake.context, { name: 'Ports market', ...DEFAULT_CONFIG });
    const treasury = fake.adopted();
    expect(treasury).not.toBeNull();
    expect(fake.steps).toEqual(['treasury', 'marketplace', 'publish']);
    expect(info).toMatchObject({ id: treasury!.publicKey, name: 'Ports market', feeBps: 500, isTreasury: true });
    expect(fake.published.map((p) => p.doc)).toEqual(['market']);
    const decoded = decodeRecord(fake.published[0]!.records[0]!.bytes, new SignatureVerifier());
    expect(decoded.ok && decoded.record.payload).toMatchObject({ kind: 'marketplace-config', author: treasury!.publicKey, seq: 1, ts: 42_000 });
    // The treasury key is saved with the folder's keys, so a restart still holds it.
    expect((await loadOrCreateKeys(new SecretFiles(join(dir, 'new'), null))).keys.treasury?.publicKey).toBe(treasury!.publicKey);
  });

  it('a folder that already belongs to a marketplace is refused and nothing is adopted or signed', async () => {
    const fake = fakeEngine(join(dir, 'taken'), 'a'.repeat(64));
    await expect(createMarketplace(fake.context, { name: 'Second', ...DEFAULT_CONFIG })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fake.steps).toEqual([]);
    expect(fake.adopted()).toBeNull();
  });
});
