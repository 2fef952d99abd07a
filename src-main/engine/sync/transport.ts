import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { addressKey, FairShare } from './admission';
import { syncUrlOf } from './invite';

/**
 * Before a peer proved its key, a frame is a handshake message (a few hundred bytes): anything
 * larger is refused from its header, before a byte of it is buffered.
 */
export const MAX_HANDSHAKE_FRAME = 4_096;
/**
 * After the handshake, one sync message may carry a whole document on a first sync (Automerge's
 * compressed save; a month of one identity's ledger is the largest). A larger frame closes the link.
 */
export const MAX_SYNC_FRAME = 32 * 1024 * 1024;
/** From the TCP accept to `welcome`: a socket that has not proved its key by then is cut. */
export const HANDSHAKE_DEADLINE_MS = 5_000;
/** Sockets still in their handshake (HTTP upgrade included), per remote address and in total. */
export const PENDING_LIMITS = { perAddress: 8, total: 64 } as const;
export const DIAL_TIMEOUT_MS = 5_000;

export interface ListenOptions {
  /**
   * A TLS proxy on this machine forwards peers (a relay behind nginx): a connection from loopback
   * counts under the address its `X-Forwarded-For` names, else every peer would share the proxy's.
   */
  behindProxy?: boolean;
}

export interface SyncListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Where an inbound socket comes from, and how it leaves the handshake's limits once its peer proved its key. */
export interface Arrival {
  /** The remote address as the limits count it (IPv6 by /64). */
  address: string;
  /** Ends the handshake deadline and frees the socket's handshake slot. */
  authenticated(): void;
}

/**
 * Every socket gets an error listener for its whole life: ws emits 'error' before 'close', and an
 * unheard 'error' would crash the engine host. An open socket that errs (an oversized frame, bad
 * UTF-8) is cut at once instead of waiting up to 30 s for a close frame from a peer that broke the protocol.
 */
function quietErrors(ws: WebSocket): WebSocket {
  ws.on('error', () => {
    // ws has already begun a close (CLOSING) and keeps reading, discarding, until the other side answers.
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CLOSING) ws.terminate();
  });
  return ws;
}

/**
 * Lifts the frame limit from the handshake's to the sync's, once the other side proved its key.
 * ws fixes maxPayload when a socket is made and has no setter, so this sets its receiver's limit;
 * test/sync/frame-limits.test.ts fails if a ws upgrade renames it.
 */
export function allowSyncFrames(ws: WebSocket): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') throw new Error('this ws version keeps its frame limit elsewhere');
  receiver._maxPayload = MAX_SYNC_FRAME;
}

/**
 * The sync listener: WebSocket upgrades on /sync, nothing else (no command, no page, no token).
 * Each TCP connection takes a handshake slot (fairly shared between addresses, see FairShare) and
 * has HANDSHAKE_DEADLINE_MS to prove its key; over the limits it is closed on accept, so a flood of
 * raw connections holds a bounded number of file descriptors. Sockets go to `onSocket` raw; the
 * handshake there decides whether anything is ever shared, and calls `arrival.authenticated()`.
 */
export async function startSyncListener(options: { host: string; port: number; onSocket: (ws: WebSocket, arrival: Arrival) => void } & ListenOptions): Promise<SyncListener> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_HANDSHAKE_FRAME, perMessageDeflate: false });
  const pending = new FairShare<Socket>(PENDING_LIMITS.perAddress, PENDING_LIMITS.total);
  const arrivals = new WeakMap<Socket, Arrival>();
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end('InfiniRoute peer sync listens for WebSocket connections on /sync.\n');
  });
  let proxied = 0;
  server.on('connection', (socket: Socket) => {
    // Behind a proxy the real address is only known from the request: until then each proxied
    // socket counts alone (the total still applies).
    const address = options.behindProxy && isLoopbackAddress(socket.remoteAddress) ? `proxied#${++proxied}` : addressKey(socket.remoteAddress);
    const verdict = pending.admit(address, socket);
    if (!verdict.admitted) {
      socket.destroy();
      return;
    }
    verdict.evicted?.destroy();
    const deadline = setTimeout(() => socket.destroy(), HANDSHAKE_DEADLINE_MS);
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      pending.release(address, socket);
    };
    socket.once('close', settle);
    arrivals.set(socket, { address, authenticated: settle });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://peer').pathname;
    const arrival = arrivals.get(socket as Socket);
    if (path !== '/sync' || !arrival) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const forwarded = options.behindProxy && isLoopbackAddress((socket as Socket).remoteAddress) ? forwardedFor(req.headers['x-forwarded-for']) : null;
    const from = forwarded ? { ...arrival, address: addressKey(forwarded) } : arrival;
    sockets.handleUpgrade(req, socket, head, (ws) => options.onSocket(quietErrors(ws), from));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error('sync listener error:', error.message));
  const address = server.address() as AddressInfo;
  return {
    host: options.host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isLoopbackAddress(remote: string | undefined): boolean {
  const key = addressKey(remote);
  return key.startsWith('127.') || key === '0:0:0:0::/64';
}

/** The client a proxy on this machine names: the last X-Forwarded-For entry (the one it appended). */
function forwardedFor(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  const last = value?.split(',').pop()?.trim();
  return last && /^[0-9A-Fa-f:.]{2,45}$/.test(last) ? last : null;
}

/**
 * Opens a WebSocket to a peer's sync listener; resolves once open (the handshake comes next). Until
 * the listener proved its key, its frames are held to the handshake's limit too.
 */
export function dialSocket(address: string, timeoutMs = DIAL_TIMEOUT_MS): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    let ws: WebSocket;
    try {
      ws = quietErrors(new WebSocket(syncUrlOf(address), { handshakeTimeout: timeoutMs, maxPayload: MAX_HANDSHAKE_FRAME, perMessageDeflate: false }));
    } catch (error) {
      reject(error as Error);
      return;
    }
    const fail = (error: Error) => {
      ws.off('open', open);
      ws.off('close', closed);
      reject(error);
    };
    const open = () => {
      ws.off('error', fail);
      ws.off('close', closed);
      resolve(ws);
    };
    const closed = () => fail(new Error('closed before it opened'));
    ws.once('open', open);
    ws.once('error', fail);
    ws.once('close', closed);
  });
}
