import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { decodeInvite, encodeInvite } from '../../src-main/engine/sync/invite';
import { addressOfPeer, call, failure, inSync, listing, SyncFixture, waitFor } from './helpers';

const fx = new SyncFixture();
afterEach(() => fx.cleanup());

async function everything(engine: Parameters<typeof call>[0]) {
  return canonicalJson((await call(engine, 'catalog.list', { limit: 500, sort: 'name' })).items);
}

describe('marketplace.invite / marketplace.join', () => {
  it('joins by invite: adopts the marketplace id, receives the treasury-signed config and the catalog', async () => {
    const a = await fx.peer();
    const info = await call(a, 'marketplace.openDemo');
    const b = await fx.peer();
    const { invite, marketplaceId, peerKey, address } = await call(a, 'marketplace.invite');
    expect(marketplaceId).toBe(info.id);
    expect(peerKey).toBe(a.keys.device.publicKey);
    expect(address).toBe(addressOfPeer(a));
    expect(decodeInvite(invite)).toEqual({ ok: true, invite: { marketplace: info.id, address, key: peerKey } });

    const joined = await call(b, 'marketplace.join', { invite });
    expect(joined.marketplaceId).toBe(info.id);
    expect(joined.marketplace).toEqual({ ...info, isTreasury: false });
    expect(joined.peer).toMatchObject({ key: peerKey, source: 'invite', connected: true, direction: 'out' });
    expect(joined.linkedIdentity).toBe(false);
    await inSync([a, b]);
    expect(await everything(b)).toBe(await everything(a));
    expect((await call(b, 'system.health')).marketplace).toEqual({ ...info, isTreasury: false });
    expect((await call(a, 'sync.peers')).find((p) => p.key === b.keys.device.publicKey)).toMatchObject({ source: 'inbound', connected: true });
  });

  it('adopts nothing when the invited peer cannot prove the key the invite names', async () => {
    const a = await fx.peer();
    const info = await call(a, 'marketplace.openDemo');
    const b = await fx.peer();
    const forged = encodeInvite({ marketplace: info.id, address: addressOfPeer(a), key: generateSigningKey().publicKey });
    const error = await failure(b, 'marketplace.join', { invite: forged });
    expect(error.code).toBe('NOT_READY');
    expect(error.message).toMatch(/expected/);
    expect(b.marketplace.id).toBeNull();
    expect((await call(b, 'catalog.list', {})).total).toBe(0);
  });

  it('refuses a damaged invite, its own invite, and a second marketplace', async () => {
    const a = await fx.peer();
    await call(a, 'marketplace.openDemo');
    const b = await fx.peer();
    await call(b, 'marketplace.create', { name: 'Another' });
    expect((await failure(b, 'marketplace.join', { invite: 'irinvite1.bm90IGpzb24' })).code).toBe('INVALID_INPUT');
    expect((await failure(b, 'marketplace.join', { invite: (await call(b, 'marketplace.invite')).invite })).code).toBe('INVALID_INPUT');
    expect((await failure(b, 'marketplace.join', { invite: (await call(a, 'marketplace.invite')).invite })).code).toBe('CONFLICT');
  });

  it('needs a marketplace and a listener to invite', async () => {
    const a = await fx.peer();
    expect((await failure(a, 'marketplace.invite', {})).code).toBe('NOT_READY');
    expect((await failure(a, 'sync.connect', { address: '127.0.0.1:9' })).code).toBe('NOT_READY');
  });

  it("links a person's second device: same identity, its own certified device key, same producer", async () => {
    const first = await fx.peer();
    await call(first, 'marketplace.openDemo');
    const second = await fx.peer();
    const { code, identity } = await call(first, 'identity.linkDevice', {});
    expect(code.startsWith('irlink1.')).toBe(true);
    const joined = await call(second, 'marketplace.join', { invite: code });
    expect(joined.linkedIdentity).toBe(true);
    expect(joined.identity).toBe(identity);
    expect(second.keys.identity.publicKey).toBe(identity);
    expect(second.keys.device.publicKey).not.toBe(first.keys.device.publicKey);
    // The new device publishes as the same producer; the first device sees it.
    const item = await call(second, 'models.publish', listing('from-second-device'));
    expect(item.producerKey).toBe(identity);
    await inSync([first, second]);
    expect((await call(first, 'catalog.get', { id: item.id })).name).toBe('Model from-second-device');
    // Its certificate is signed by the identity, for its own device key.
    const certs = first.docs.records(`identity/${identity}`).length;
    expect(certs).toBeGreaterThanOrEqual(2);
    expect((await call(first, 'integrity.conflicts')).total).toBe(0);
  });

  it('refuses to link a device that already signed records as its own identity', async () => {
    const first = await fx.peer();
    await call(first, 'marketplace.openDemo');
    const other = await fx.peer();
    await call(other, 'marketplace.create', { name: 'Mine' });
    await call(other, 'models.publish', listing('mine'));
    const { code } = await call(first, 'identity.linkDevice', {});
    expect((await failure(other, 'marketplace.join', { invite: code })).code).toBe('CONFLICT');
  });

  it('reconnects by itself after a restart, to the peers it knows', async () => {
    const a = await fx.peer();
    await call(a, 'marketplace.openDemo');
    const b = await fx.peer();
    await call(b, 'marketplace.join', { invite: (await call(a, 'marketplace.invite')).invite });
    await inSync([a, b]);
    const dir = b.dataDir;
    await fx.close(b);
    await call(a, 'models.publish', listing('while-b-was-away'));
    const again = await fx.peer({ dataDir: dir });
    expect(again.marketplace.id).toBe(a.marketplace.id);
    await waitFor('b to redial a', async () => (await call(again, 'sync.status')).peers.length === 1);
    await inSync([a, again]);
    expect((await call(again, 'catalog.list', { query: 'while-b-was-away' })).total).toBe(1);
  });
});
