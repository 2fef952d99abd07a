import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawSocket, startVictim, type Victim } from './sync-victim';

/**
 * Finding 12: the engine's sync listener bound 0.0.0.0 and announced the marketplace over mDNS,
 * always, so every other attack reached it from any machine on the LAN, and the user could neither
 * see nor change that. A real `serve` child with no sync flags must listen on 127.0.0.1 and announce
 * nothing; LAN sharing is a saved choice (`sync.setLan`). The LAN address is played by ::1 here
 * (`--sync-host ::1 --no-mdns`), so that no test listens on, or announces to, a real network.
 */
interface Status {
  listening: { host: string; port: number } | null;
  lanSharing?: boolean;
  mdns: string;
}

const victims: Victim[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const v of victims.splice(0)) await v.stop();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

function reachableAt(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('finding 12: LAN exposure is a visible choice', () => {
  it('serve with no sync flags listens on 127.0.0.1 and announces nothing', async () => {
    const victim = await startVictim([]);
    victims.push(victim);
    await victim.call('marketplace.create', { name: 'Home' });
    const status = await victim.call<Status>('sync.status');
    expect(status.listening?.host).toBe('127.0.0.1');
    expect(victim.syncHost).toBe('127.0.0.1');
    expect(status.mdns).toBe('off');
    expect(status.lanSharing).toBe(false);
    const socket = await rawSocket(status.listening!.port, '127.0.0.1');
    expect(socket).not.toBeNull();
    socket?.destroy();
  }, 60_000);

  it('LAN sharing turned on moves the listener to the LAN address, is saved, and turned off comes back to loopback', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ir-adv-lan-'));
    dirs.push(dir);
    const lanFlags = ['--sync-host', '::1', '--no-mdns'];
    const first = await startVictim(lanFlags, dir);
    victims.push(first);
    await first.call('marketplace.create', { name: 'Home' });
    expect((await first.call<Status>('sync.status')).listening?.host).toBe('127.0.0.1');

    const on = await first.call<Status>('sync.setLan', { on: true });
    expect(on.lanSharing).toBe(true);
    expect(on.listening?.host).toBe('::1');
    expect(await reachableAt('::1', on.listening!.port)).toBe(true);
    await first.stop();

    const again = await startVictim(lanFlags, dir);
    victims.push(again);
    const saved = await again.call<Status>('sync.status');
    expect(saved.lanSharing).toBe(true);
    expect(saved.listening?.host).toBe('::1');

    const off = await again.call<Status>('sync.setLan', { on: false });
    expect(off.lanSharing).toBe(false);
    expect(off.listening?.host).toBe('127.0.0.1');
    expect(off.mdns).toBe('off');
    expect(await reachableAt('::1', off.listening!.port)).toBe(false);
    expect(await reachableAt('127.0.0.1', off.listening!.port)).toBe(true);
  }, 90_000);
});
