import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { syncUrlOf } from './invite';

/** One sync message may carry a whole large document on a first sync. */
export const MAX_SYNC_FRAME = 256 * 1024 * 1024;
/** Connections (handshaking or synced) one listener holds at most. */
export const MAX_INBOUND = 128;
export const DIAL_TIMEOUT_MS = 5_000;

export interface SyncListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Every socket gets an error listener for its whole life: ws emits 'error' before 'close', and an
 * unheard 'error' would crash the engine host. The close that follows is what the sync layer handles.
 */
function quietErrors(ws: WebSocket): WebSocket {
  ws.on('error', () => {});
  return ws;
}

/**
 * The sync listener: WebSocket upgrades on /sync, nothing else (no command, no page, no token).
 * Sockets go to `onSocket` raw; the handshake there decides whether anything is ever shared.
 */
export async function startSyncListener(options: { host: string; port: number; onSocket: (ws: WebSocket) => void }): Promise<SyncListener> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_FRAME, perMessageDeflate: false });
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('InfiniRoute peer sync listens for WebSocket connections on /sync.\n');
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://peer').pathname;
    if (path !== '/sync' || sockets.clients.size >= MAX_INBOUND) {
      socket.end(`HTTP/1.1 ${path !== '/sync' ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => options.onSocket(quietErrors(ws)));
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

/** Opens a WebSocket to a peer's sync listener; resolves once open (the handshake comes next). */
export function dialSocket(address: string, timeoutMs = DIAL_TIMEOUT_MS): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    let ws: WebSocket;
    try {
      ws = quietErrors(new WebSocket(syncUrlOf(address), { handshakeTimeout: timeoutMs, maxPayload: MAX_SYNC_FRAME, perMessageDeflate: false }));
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
