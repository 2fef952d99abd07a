import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { rawSocket, seededRandom, shuffled, startVictim, throwawayLink, waitUntil, type Victim } from './sync-victim';

/**
 * Finding 7: 128 idle authenticated links with throwaway keys filled every slot of the sync
 * listener, and ~20k raw TCP connections exhausted the engine's file descriptors until its command
 * API stopped answering. Attacked through real `serve` children under `ulimit -n 1024`, from
 * loopback source addresses only (127.0.0.2… stand for other machines; every target is 127.0.0.1).
 */
const ATTACK_SOURCES = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);

const victims: Victim[] = [];
const held: Array<Socket | WebSocket> = [];
afterEach(async () => {
  for (const s of held.splice(0)) {
    if ('terminate' in s) s.terminate();
    else s.destroy();
  }
  for (const v of victims.splice(0)) await v.stop();
});

async function victim(args?: string[]): Promise<Victim> {
  const v = await startVictim(args);
  victims.push(v);
  return v;
}

describe('finding 7: starving the sync listener', () => {
  it('throwaway-key links that sync nothing neither keep out a real peer nor stay', async () => {
    const random = seededRandom();
    // The real peer's own serve (a fresh folder) starts alongside.
    const [host, newcomer] = await Promise.all([victim(), victim(['--sync-host', '127.0.0.1', '--no-mdns'])]);
    const market = await host.call<{ id: string }>('marketplace.create', { name: 'Starve' });
    const { invite } = await host.call<{ invite: string }>('marketplace.invite', {});
    // 10 links from each of 16 addresses: more than every slot the listener has.
    const sources = shuffled(ATTACK_SOURCES.flatMap((s) => Array<string>(10).fill(s)), random);
    const links: WebSocket[] = [];
    for (let i = 0; i < sources.length; i += 20) {
      const batch = await Promise.all(sources.slice(i, i + 20).map((s) => throwawayLink(host.syncPort, s, market.id)));
      for (const ws of batch) if (ws) links.push(ws);
    }
    held.push(...links);
    const attackedAt = Date.now();
    const up = links.filter((ws) => ws.readyState === ws.OPEN).length;
    console.log(`throwaway links: ${links.length} of ${sources.length} passed the handshake, ${up} still open`);
    expect(links.length).toBeGreaterThan(0);

    // The real peer joins by invite while the throwaway links are up.
    const joined = await newcomer.call<{ peer: { key: string | null; connected: boolean } }>('marketplace.join', { invite }, 30_000);
    expect(joined.peer.connected).toBe(true);

    // Links that never sent a sync message are closed within seconds; the real peer stays.
    await waitUntil('the throwaway links to be closed', () => links.every((ws) => ws.readyState === ws.CLOSED), Math.max(2_000, 25_000 - (Date.now() - attackedAt)));
    const newcomerKey = (await newcomer.call<{ identity: { deviceKey: string } }>('system.health')).identity.deviceKey;
    const status = await host.call<{ peers: Array<{ key: string | null }> }>('sync.status');
    expect(status.peers.map((p) => p.key)).toEqual([newcomerKey]);
  }, 150_000);

  it('2,000 raw TCP connections to the sync port leave the command API answering (engine under ulimit -n 1024)', async () => {
    const random = seededRandom();
    const host = await victim();
    await host.call('marketplace.create', { name: 'Flood' });
    const sources = shuffled(Array.from({ length: 2_000 }, (_, i) => `127.0.0.${(i % 20) + 1}`), random);
    const answered: number[] = [];
    const failures: string[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const started = Date.now();
        try {
          await host.call('system.health', {}, 5_000);
          answered.push(Date.now() - started);
        } catch (error) {
          failures.push((error as Error).message);
        }
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 200)));
      }
    })();
    for (let i = 0; i < sources.length; i += 100) {
      const batch = await Promise.all(sources.slice(i, i + 100).map((s) => rawSocket(host.syncPort, s, 3_000)));
      for (const socket of batch) if (socket) held.push(socket);
    }
    // Hold them while the command API is asked again, then count what the engine keeps open.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const fds = await host.openFds();
    flooding = false;
    await probe;
    const health = await host.call<{ version: string }>('system.health', {}, 5_000).catch((error: Error) => error);
    const open = held.filter((s) => !(s as Socket).destroyed).length;
    console.log(`raw connections: ${held.length} made, ${open} still open on the attacker's side; engine fds ${fds}; health answered ${answered.length}× (slowest ${Math.max(0, ...answered)} ms), failed ${failures.length}×`);
    expect(failures).toEqual([]);
    expect(answered.length).toBeGreaterThan(3);
    expect(fds).toBeLessThan(600);
    expect(health).not.toBeInstanceOf(Error);
  }, 120_000);
});
