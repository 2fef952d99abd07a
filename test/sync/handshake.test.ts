import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { cbor } from '@automerge/automerge-repo';
import { generateSigningKey, signBytes, SignatureVerifier } from '../../src-main/engine/identity/keys';
import { dialerHandshake, SYNC_PROTOCOL, transcript } from '../../src-main/engine/sync/handshake';
import { dialSocket } from '../../src-main/engine/sync/transport';
import { addressOfPeer, call, SyncFixture } from './helpers';

const fx = new SyncFixture();
afterEach(() => fx.cleanup());

function nextText(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.once('close', () => reject(new Error('closed')));
  });
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => (ws.readyState === ws.CLOSED ? resolve(0) : ws.once('close', (code) => resolve(code))));

async function member() {
  const engine = await fx.peer();
  await call(engine, 'marketplace.openDemo');
  return engine;
}

describe('the peer handshake', () => {
  it('drops a peer that claims a key it cannot prove, before any document is shared', async () => {
    const victim = await member();
    const honest = await fx.peer();
    const ws = await dialSocket(addressOfPeer(victim));
    // Claims to be `honest`'s device, but holds another key.
    ws.send(JSON.stringify({ t: 'hello', protocol: SYNC_PROTOCOL, key: honest.keys.device.publicKey, marketplace: victim.marketplace.id, nonce: randomBytes(32).toString('base64url'), index: honest.docs.indexUrl }));
    const challenge = await nextText(ws);
    expect(challenge.t).toBe('challenge');
    const impostor = generateSigningKey();
    const sig = Buffer.from(signBytes(impostor, new Uint8Array([1, 2, 3]))).toString('base64url');
    ws.send(JSON.stringify({ t: 'proof', sig }));
    const answer = await nextText(ws);
    expect(answer).toMatchObject({ t: 'reject', reason: 'the peer could not prove its key' });
    await closed(ws);
    expect(victim.sync.connections.adapter.connectedKeys()).toEqual([]);
    expect(victim.docs.repo.peers).toEqual([]);
  });

  it('refuses binary frames (automerge messages) before the handshake', async () => {
    const victim = await member();
    const ws = await dialSocket(addressOfPeer(victim));
    ws.send(cbor.encode({ type: 'request', senderId: 'x', targetId: victim.keys.device.publicKey, documentId: 'y', data: new Uint8Array([1]) }));
    await closed(ws);
    expect(victim.docs.repo.peers).toEqual([]);
  });

  it('refuses a listener that does not hold the key the dialer expects, and one of another marketplace', async () => {
    const a = await member();
    const self = { key: generateSigningKey(), marketplace: a.marketplace.id!, index: a.docs.indexUrl, verifier: new SignatureVerifier() };
    await expect(dialerHandshake(await dialSocket(addressOfPeer(a)), self, generateSigningKey().publicKey)).rejects.toThrow(/not the expected/);
    const elsewhere = { ...self, marketplace: generateSigningKey().publicKey };
    await expect(dialerHandshake(await dialSocket(addressOfPeer(a)), elsewhere, null)).rejects.toThrow(/syncs marketplace/);
    expect(a.docs.repo.peers).toEqual([]);
  });

  it('authenticates both directions and closes a link whose messages claim another sender', async () => {
    const a = await member();
    const key = generateSigningKey();
    const self = { key, marketplace: a.marketplace.id!, index: a.docs.indexUrl, verifier: new SignatureVerifier() };
    const ws = await dialSocket(addressOfPeer(a));
    const { peer, frames } = await dialerHandshake(ws, self, a.keys.device.publicKey);
    expect(peer.key).toBe(a.keys.device.publicKey);
    expect(peer.index).toBe(a.docs.indexUrl);
    frames.handOver();
    await new Promise((r) => setTimeout(r, 100));
    expect(a.docs.repo.peers).toEqual([key.publicKey]);
    ws.send(cbor.encode({ type: 'request', senderId: generateSigningKey().publicKey, targetId: a.keys.device.publicKey, documentId: 'y', data: new Uint8Array([1]) }));
    expect(await closed(ws)).toBe(1008);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.docs.repo.peers).toEqual([]);
  });

  it('signs the role: a listener’s signature never passes as a dialer’s proof', () => {
    const side = (k: string) => ({ key: k, nonce: 'n'.repeat(43), index: 'automerge:x', marketplace: 'm' });
    const key = generateSigningKey();
    const asListener = transcript('listener', side('d'), side(key.publicKey));
    const asDialer = transcript('dialer', side('d'), side(key.publicKey));
    const sig = signBytes(key, asListener);
    const verifier = new SignatureVerifier();
    expect(verifier.verify(key.publicKey, asListener, sig)).toBe(true);
    expect(verifier.verify(key.publicKey, asDialer, sig)).toBe(false);
  });

  it('keeps one link per pair of peers when both dial each other at once', async () => {
    const a = await member();
    const b = await fx.peer();
    await call(b, 'marketplace.join', { invite: (await call(a, 'marketplace.invite')).invite });
    await Promise.all([call(a, 'sync.connect', { address: addressOfPeer(b) }), call(b, 'sync.connect', { address: addressOfPeer(a) })]);
    await new Promise((r) => setTimeout(r, 500));
    expect(a.sync.connections.connectedKeys()).toEqual([b.keys.device.publicKey]);
    expect(b.sync.connections.connectedKeys()).toEqual([a.keys.device.publicKey]);
    expect((await call(a, 'sync.status')).peers).toHaveLength(1);
  });
});
