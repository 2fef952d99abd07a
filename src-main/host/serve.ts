import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine/engine';
import { TOKEN_COOKIE, isAuthorized, isSameOrigin } from './http-auth';
import { DEFAULT_RATE_LIMIT, connectionKey, createRateLimiter, type RateLimitOptions } from './rate-limit';
import { handleRpcBody } from './rpc';
import { RENDERER_CSP, contentTypeOf, resolveStaticPath } from './static-files';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServeOptions {
  port: number;
  host: string;
  token: string;
  rendererDir: string;
  /** Per-connection token bucket (default 200 requests/s, bursts of 400); over it: 429 + Retry-After. */
  rateLimit?: RateLimitOptions;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      // Past the limit the rest is drained and dropped (not destroyed): destroying the socket here
      // would reset the connection before the 413 answer reaches the client.
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

async function serveRpc(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'POST only', undefined, { Allow: 'POST' });
  let body: string;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return send(res, 413, `Request body over ${MAX_BODY_BYTES} bytes`);
    throw error;
  }
  const answer = await handleRpcBody((name, input) => engine.dispatch(name, input), body);
  if (answer === null) return send(res, 204, '');
  send(res, 200, JSON.stringify(answer), 'application/json');
}

async function servePage(options: ServeOptions, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', undefined, { Allow: 'GET, HEAD' });
  const file = resolveStaticPath(options.rendererDir, path);
  if (!file) return send(res, 404, 'Not found');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    if (path.endsWith('.html')) return send(res, 503, 'The renderer is not built: run `npm run build`, then reload.');
    return send(res, 404, 'Not found');
  }
  const headers: Record<string, string> = { 'Content-Security-Policy': RENDERER_CSP, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
  // The page got the token in its URL; the cookie lets its own scripts and styles load.
  if (path.endsWith('.html')) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
  res.writeHead(200, { 'Content-Type': contentTypeOf(file), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : content);
}

/** The headless host: the engine's command contract over JSON-RPC, events over WebSocket, the renderer as pages. */
export async function serve(engine: Engine, options: ServeOptions): Promise<RunningServer> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  // Counted before anything else, token checks included: a wrong token costs a request too.
  const limited = (req: IncomingMessage) => limiter.check(connectionKey(req.socket.remoteAddress, req.socket.remotePort));
  const server = createServer((req, res) => {
    const rate = limited(req);
    if (!rate.allowed) return send(res, 429, 'Too many requests: slow down', undefined, { 'Retry-After': String(rate.retryAfter) });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const kind = url.pathname === '/rpc' ? 'rpc' : 'page';
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return send(res, 403, 'Cross-origin requests are refused');
    if (!isAuthorized(options.token, { authorization: req.headers.authorization, cookie: req.headers.cookie, url: req.url ?? '/' }, kind)) {
      return send(res, 401, 'Unauthorized: open the URL printed by `infiniroute serve` (it carries the token), or send Authorization: Bearer <token>.', undefined, { 'WWW-Authenticate': 'Bearer' });
    }
    if (url.pathname === '/') return send(res, 302, '', undefined, { Location: `/user.html${url.search}` });
    const work = kind === 'rpc' ? serveRpc(engine, req, res) : servePage(options, req, res, url.pathname);
    work.catch((error: unknown) => {
      console.error('request failed:', (error as Error).message);
      if (!res.headersSent) send(res, 500, 'Internal error');
    });
  });
  server.on('connection', (socket) => {
    const key = connectionKey(socket.remoteAddress, socket.remotePort);
    socket.once('close', () => limiter.forget(key));
  });
  server.on('upgrade', (req, socket, head) => {
    const rate = limited(req);
    if (!rate.allowed) {
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${rate.retryAfter}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorized = isAuthorized(options.token, { authorization: req.headers.authorization, cookie: req.headers.cookie, url: req.url ?? '/' }, 'events');
    const refusal = !authorized ? '401 Unauthorized' : !isSameOrigin(req.headers.origin, req.headers.host) ? '403 Forbidden' : url.pathname !== '/events' ? '404 Not Found' : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = engine.on((message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${hostPart}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
