import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceInfo } from '../../src-main/engine/marketplace/marketplace-state';
import { generateSigningKey, SignatureVerifier, type SigningKey } from '../../src-main/engine/identity/keys';
import { decodeRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { SecretFiles } from '../../src-main/engine/secrets/secret-files';
import type { Authenticated } from '../../src-main/engine/sync/connections';
import type { JoinContext } from '../../src-main/engine/sync/command-context';
import { encodeInvite } from '../../src-main/engine/sync/invite';
import { joinMarketplace } from '../../src-main/engine/sync/join';
import type { KnownPeer } from '../../src-main/engine/sync/peer-table';

/**
 * Joining by invite through its port (sync/command-context.ts) with plain fakes: no Engine is
 * opened and no socket is dialled (the fake connections answer for the invited peer).
 */
describe('marketplace.join through its port', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ir-join-ports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const treasury = generateSigningKey().publicKey;
  const inviter = generateSigningKey().publicKey;
  const config: MarketplaceInfo = { id: treasury, name: 'Joined', feeBps: 500, epochSeconds: 604_800, graceSeconds: 86_400, isTreasury: false };

  function fakeEngine(options: { dialFails?: boolean; dataDir?: string } = {}) {
    const steps: string[] = [];
    const published: Array<{ doc: string; records: SignedRecord[] }> = [];
    let marketplaceId: string | null = null;
    let identity: SigningKey = generateSigningKey();
    const device = generateSigningKey();
    const rows: KnownPeer[] = [];
    const auth = { direction: 'out', address: '127.0.0.1:1', source: 'invite' } as unknown as Authenticated;
    const context: JoinContext = {
      secrets: new SecretFiles(options.dataDir ?? dir, null),
      clock: () => 7_000,
      keys: {
        get identity() {
          return identity;
        },
        device,
      },
      docs: { docNames: () => [], records: () => [] },
      marketplace: {
        get id() {
          return marketplaceId;
        },
        // The config has arrived once the marketplace is adopted: the join need not wait.
        info: () => (marketplaceId ? config : null),
      },
      sync: {
        connections: {
          listening: null,
          dial: async (address, key, source, marketplace) => {
            steps.push(`dial ${address} ${key === inviter} ${source} ${marketplace === treasury}`);
            if (options.dialFails) throw new Error('the peer did not prove its key');
            return auth;
          },
          attach: (a) => {
            steps.push(`attach ${a === auth}`);
            return true;
          },
          start: () => steps.push('start'),
          linkOf: () => ({ direction: 'out' }),
        },
        peers: {
          upsert: (entry) => {
            const row: KnownPeer = { address: entry.address ?? null, key: entry.key ?? null, source: entry.source, enabled: false, lastSeenAt: null, lastSyncAt: null, lastError: null, attempts: 0, nextAttemptAt: null };
            rows.push(row);
            return row;
          },
          view: (row, link) => ({ ...row, connected: link !== undefined, direction: link?.direction ?? null }),
        },
        refreshMdns: () => steps.push('mdns'),
      },
      adoptMarketplace: async (id) => {
        steps.push('adopt marketplace');
        marketplaceId = id;
      },
      adoptIdentity: (key) => {
        steps.push('adopt identity');
        identity = key;
      },
      publish: async (doc, records) => {
        published.push({ doc, records });
      },
    };
    return { context, steps, published, rows, device };
  }

  it('dials the invited peer first, then adopts its marketplace and keeps the peer enabled', async () => {
    const fake = fakeEngine();
    const answer = await joinMarketplace(fake.context, encodeInvite({ marketplace: treasury, address: '127.0.0.1:4100', key: inviter }));
    expect(fake.steps).toEqual([`dial 127.0.0.1:4100 true invite true`, 'adopt marketplace', 'attach true', 'start', 'mdns']);
    expect(answer).toMatchObject({ marketplaceId: treasury, marketplace: config, linkedIdentity: false, peer: { key: inviter, address: '127.0.0.1:4100', enabled: true, connected: true } });
    expect(fake.published).toEqual([]);
  });

  it('a peer that cannot prove the invite’s key changes nothing', async () => {
    const fake = fakeEngine({ dialFails: true });
    await expect(joinMarketplace(fake.context, encodeInvite({ marketplace: treasury, address: '127.0.0.1:4100', key: inviter }))).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(fake.steps).toEqual([`dial 127.0.0.1:4100 true invite true`]);
    expect(fake.context.marketplace.id).toBeNull();
    expect(fake.rows).toEqual([]);
  });

  it('a damaged invite or this engine’s own is refused before any dial', async () => {
    const fake = fakeEngine();
    await expect(joinMarketplace(fake.context, 'not-an-invite')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(joinMarketplace(fake.context, encodeInvite({ marketplace: treasury, address: '127.0.0.1:4100', key: fake.device.publicKey }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fake.steps).toEqual([]);
  });

  it('a device link adopts the identity it carries and certifies this device under it', async () => {
    const person = generateSigningKey();
    const der = Buffer.from(person.privateKey.export({ format: 'der', type: 'pkcs8' })).toString('base64url');
    const fake = fakeEngine({ dataDir: join(dir, 'linked') });
    const answer = await joinMarketplace(fake.context, encodeInvite({ marketplace: treasury, address: '127.0.0.1:4100', key: inviter, identity: der }));
    expect(answer).toMatchObject({ identity: person.publicKey, linkedIdentity: true });
    expect(fake.steps.slice(0, 3)).toEqual([`dial 127.0.0.1:4100 true invite true`, 'adopt marketplace', 'adopt identity']);
    expect(fake.published.map((p) => p.doc)).toEqual([`identity/${person.publicKey}`]);
    const cert = decodeRecord(fake.published[0]!.records[0]!.bytes, new SignatureVerifier());
    expect(cert.ok && cert.record.payload).toMatchObject({ kind: 'device-cert', author: person.publicKey, body: { deviceKey: fake.device.publicKey } });
  });
});
