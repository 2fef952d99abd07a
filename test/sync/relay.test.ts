import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInvite } from '../../src-main/engine/sync/invite';
import { listing } from './helpers';
import { freePort, ServeProcess, startRelay, waitFor } from './processes';

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function acknowledged(peer: ServeProcess): Promise<void> {
  await waitFor('the relay to acknowledge everything', async () => (await peer.call('sync.status')).pending.docs === 0);
}

describe('the always-on relay peer (`infiniroute peer`)', () => {
  it('carries data between desktops that are never online at the same time', { timeout: 180_000 }, async () => {
    const relayDir = await mkdtemp(join(tmpdir(), 'ir-relay-'));
    const port = await freePort();
    const relay = await startRelay(['--port', String(port), '--data', relayDir, '--create', 'Relay Market', '--advertise', `127.0.0.1:${port}`]);
    cleanup.push(async () => {
      await relay.stop();
      await rm(relayDir, { recursive: true, force: true });
    });
    const invite = decodeInvite(relay.invite);
    expect(invite).toMatchObject({ ok: true, invite: { address: `127.0.0.1:${port}`, key: relay.key } });

    const a = await ServeProcess.start();
    cleanup.push(() => a.destroy());
    const joined = await a.call('marketplace.join', { invite: relay.invite });
    expect(joined.marketplace).toMatchObject({ name: 'Relay Market', isTreasury: false });
    const fromA = await a.call('models.publish', listing('from-a'));
    await acknowledged(a);
    await a.stop();

    const b = await ServeProcess.start();
    cleanup.push(() => b.destroy());
    await b.call('marketplace.join', { invite: relay.invite });
    await waitFor('a’s model to reach b', async () => (await b.call('catalog.list', { query: 'from-a' })).total === 1);
    expect((await b.call('catalog.get', { id: fromA.id })).price).toEqual(fromA.price);
    const fromB = await b.call('models.publish', listing('from-b'));
    await acknowledged(b);
    await b.stop();

    await a.launch(); // redials the relay by itself
    await waitFor('b’s model to reach a', async () => (await a.call('catalog.list', { query: 'from-b' })).total === 1);
    expect((await a.call('catalog.get', { id: fromB.id })).name).toBe('Model from-b');

    // A second relay pinned to the marketplace id, told to dial the first: a desktop that only
    // knows the second still gets everything.
    const secondDir = await mkdtemp(join(tmpdir(), 'ir-relay-'));
    const secondPort = await freePort();
    const ok = invite.ok ? invite.invite : null;
    const second = await startRelay(['--port', String(secondPort), '--data', secondDir, '--marketplace', ok!.marketplace, '--peer', `127.0.0.1:${port}`, '--advertise', `127.0.0.1:${secondPort}`]);
    cleanup.push(async () => {
      await second.stop();
      await rm(secondDir, { recursive: true, force: true });
    });
    const c = await ServeProcess.start();
    cleanup.push(() => c.destroy());
    await c.call('marketplace.join', { invite: second.invite });
    await waitFor('both models to reach c', async () => (await c.call('catalog.list', { query: 'from' })).total === 2, 60_000);
    expect((await c.call('system.health')).marketplace?.name).toBe('Relay Market');
  });
});
