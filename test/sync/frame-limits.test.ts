import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { addressKey, FairShare } from '../../src-main/engine/sync/admission';
import { allowSyncFrames, MAX_HANDSHAKE_FRAME, MAX_SYNC_FRAME, startSyncListener, type SyncListener } from '../../src-main/engine/sync/transport';

describe('fair shares of the listener’s slots', () => {
  it('caps each address, and when full lets a lighter address take a slot from the heaviest', () => {
    const pool = new FairShare<string>(3, 5);
    for (const item of ['a1', 'a2', 'a3']) expect(pool.admit('A', item).admitted).toBe(true);
    expect(pool.admit('A', 'a4')).toEqual({ admitted: false, reason: 'too many connections from A' });
    expect(pool.admit('B', 'b1')).toEqual({ admitted: true, evicted: null });
    expect(pool.admit('B', 'b2')).toEqual({ admitted: true, evicted: null });
    // Full (5): C holds none, A holds 3 → A gives up its oldest.
    expect(pool.admit('C', 'c1')).toEqual({ admitted: true, evicted: 'a1' });
    // Now A 2, B 2, C 1: nobody holds two more than C would; C is refused rather than evicting.
    expect(pool.admit('C', 'c2')).toEqual({ admitted: false, reason: 'this peer is at its connection limit' });
    pool.release('B', 'b1');
    expect(pool.size).toBe(4);
    expect(pool.admit('C', 'c2').admitted).toBe(true);
    pool.release('B', 'not held');
    expect(pool.size).toBe(5);
  });

  it('lets the caller choose which of the heaviest address’s items makes room', () => {
    const pool = new FairShare<string>(4, 4);
    for (const item of ['x1', 'x2', 'x3', 'x4']) pool.admit('X', item);
    expect(pool.admit('Y', 'y1', (items) => items[items.length - 1]!)).toEqual({ admitted: true, evicted: 'x4' });
    expect(pool.countOf('X')).toBe(3);
  });

  it('counts IPv4 (mapped or not) by address and IPv6 by its /64', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('frame limits of a sync socket', () => {
  let listener: SyncListener | null = null;
  afterEach(async () => {
    await listener?.close();
    listener = null;
  });

  /** A listener whose sockets echo the size of each frame they accept; `lift` lifts the limit first. */
  async function echoSizes(lift: boolean): Promise<number> {
    listener = await startSyncListener({
      host: '127.0.0.1',
      port: 0,
      onSocket: (ws, arrival) => {
        arrival.authenticated();
        if (lift) allowSyncFrames(ws);
        ws.on('message', (data: Buffer) => ws.send(String(data.length)));
      },
    });
    return listener.port;
  }

  async function offer(port: number, size: number): Promise<string> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/sync`, { perMessageDeflate: false });
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    const answer = new Promise<string>((resolve) => {
      ws.once('message', (data: Buffer) => resolve(data.toString()));
      ws.once('close', (code) => resolve(`closed ${code}`));
    });
    ws.send(Buffer.alloc(size));
    const result = await answer;
    ws.terminate();
    return result;
  }

  it('takes handshake-sized frames only until the peer proved its key, then frames up to the sync bound', async () => {
    const strict = await echoSizes(false);
    expect(await offer(strict, MAX_HANDSHAKE_FRAME)).toBe(String(MAX_HANDSHAKE_FRAME));
    expect(await offer(strict, MAX_HANDSHAKE_FRAME + 1)).toMatch(/^closed (1006|1009)$/);
    await listener!.close();
    const lifted = await echoSizes(true);
    // Refused above without the lift: ws keeps its limit where allowSyncFrames sets it (or that throws).
    expect(await offer(lifted, 1024 * 1024)).toBe(String(1024 * 1024));
    expect(MAX_SYNC_FRAME).toBeGreaterThan(1024 * 1024);
  });

  it('counts a proxied peer by the X-Forwarded-For address only when told a proxy is in front', async () => {
    const seen: string[] = [];
    const open = async (port: number, forwarded: string) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/sync`, { perMessageDeflate: false, headers: { 'X-Forwarded-For': forwarded } });
      ws.on('error', () => {});
      return new Promise<WebSocket | null>((resolve) => {
        ws.once('open', () => resolve(ws));
        ws.once('close', () => resolve(null));
      });
    };
    for (const behindProxy of [false, true]) {
      seen.length = 0;
      listener = await startSyncListener({ host: '127.0.0.1', port: 0, behindProxy, onSocket: (_ws, arrival) => seen.push(arrival.address) });
      // Ten sockets still in their handshake from loopback: eight per address, unless each is a proxied peer.
      const sockets = await Promise.all(Array.from({ length: 10 }, (_, i) => open(listener!.port, `198.51.100.${i + 1}, 203.0.113.${i + 1}`)));
      expect(sockets.filter(Boolean)).toHaveLength(behindProxy ? 10 : 8);
      expect(seen.sort()[0]).toBe(behindProxy ? '203.0.113.1' : '127.0.0.1');
      for (const ws of sockets) ws?.terminate();
      await listener.close();
      listener = null;
    }
  });
});

