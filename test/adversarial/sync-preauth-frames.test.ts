import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameHeader, rawSocket, seededRandom, shuffled, startVictim, throwawayLink, upgradeBy, type Victim } from './sync-victim';

/**
 * Finding 3: the sync listener accepted 256 MiB frames before the handshake, so anyone who could
 * reach the port made the engine buffer hundreds of MiB without proving anything. Attacked through a
 * real `serve` child (ulimit -n 1024): raw WebSocket clients on 127.0.0.1 each announce a 5 MiB frame
 * before saying hello and send all of it but its last byte.
 */
const FRAME = 5 * 1024 * 1024;
const SOURCES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8'];
const PER_SOURCE = 3;
const CHUNK = 256 * 1024;

let victim: Victim;
let marketplace: string;
beforeAll(async () => {
  victim = await startVictim();
  marketplace = (await victim.call<{ id: string }>('marketplace.create', { name: 'Frames' })).id;
}, 90_000);
afterAll(async () => {
  await victim?.stop();
});

/** Writes the header and all but the last byte of a FRAME-byte frame; resolves with what the listener let through. */
async function oversizedFrame(socket: Socket): Promise<{ closedEarly: boolean; written: number }> {
  let closed = false;
  socket.once('close', () => (closed = true));
  socket.write(frameHeader(FRAME));
  const chunk = Buffer.alloc(CHUNK, 0x61);
  let written = 0;
  while (written < FRAME - 1 && !closed) {
    const size = Math.min(CHUNK, FRAME - 1 - written);
    const drained = socket.write(size === CHUNK ? chunk : chunk.subarray(0, size));
    written += size;
    if (!drained) await new Promise<void>((resolve) => {
      socket.once('drain', resolve);
      socket.once('close', resolve);
    });
  }
  // Let the listener act on what it has received; a listener that waits for the last byte keeps the socket.
  const until = Date.now() + 3_000;
  while (!closed && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  return { closedEarly: closed, written };
}

describe('finding 3: memory before authentication', () => {
  it('cuts a 5 MiB frame sent before the handshake at its header: the engine does not buffer it', async () => {
    const random = seededRandom();
    // Settle the engine's start-up allocations before the baseline.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const before = await victim.rssBytes();
    const sources = shuffled(SOURCES.flatMap((s) => Array<string>(PER_SOURCE).fill(s)), random);
    const sockets = (await Promise.all(sources.map((s) => rawSocket(victim.syncPort, s)))).filter((s): s is Socket => s !== null);
    expect(sockets.length).toBe(sources.length);
    const upgraded = await Promise.all(sockets.map((s) => upgradeBy(s)));
    expect(upgraded.every(Boolean)).toBe(true);
    const outcomes = await Promise.all(sockets.map((s) => oversizedFrame(s)));
    const grown = (await victim.rssBytes()) - before;
    for (const s of sockets) s.destroy();
    const sent = sockets.length * FRAME;
    console.log(`pre-auth frames: ${sockets.length} × 5 MiB offered; engine RSS grew ${(grown / 2 ** 20).toFixed(1)} MiB`);
    expect(outcomes.filter((o) => !o.closedEarly)).toEqual([]);
    // Buffering them would be sent (120 MiB) and more; a bounded listener stays within noise.
    expect(grown).toBeLessThan(sent / 5);
    // The command API is unaffected.
    await expect(victim.call('system.health')).resolves.toBeTruthy();
  }, 90_000);

  it('after the handshake, a frame over the documented 32 MiB bound is cut at its header', async () => {
    const ws = await throwawayLink(victim.syncPort, '127.0.0.1', marketplace);
    expect(ws).not.toBeNull();
    const socket = (ws as unknown as { _socket: Socket })._socket;
    let closed = false;
    socket.once('close', () => (closed = true));
    socket.write(frameHeader(32 * 1024 * 1024 + 1));
    socket.write(Buffer.alloc(64 * 1024, 0x61));
    const until = Date.now() + 3_000;
    while (!closed && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    ws!.terminate();
    expect(closed).toBe(true);
  }, 90_000);
});
