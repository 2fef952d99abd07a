import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine/engine';
import { commands, isCommandName, type CommandSpec } from '../../src-shared/contract';
import { EVENTS_PROTOCOL, PAGE_SESSION_HEADER } from '../../src-shared/page-session';
import { callerOf, generatePageSession, isAllowedHost, isLoopback, isSameOrigin, tokenProblem, type Caller } from './http-auth';
import { DEFAULT_RATE_LIMIT, addressKey, createRateLimiter, type RateLimitOptions } from './rate-limit';
import type { Dispatch } from '../../src-shared/answer';
import { handleRpcBody } from './rpc';
import { RENDERER_CSP, contentTypeOf, resolveStaticPath } from './static-files';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServeOptions {
  port: number;
  host: string;
  /** The host token: full access for HTTP clients (Authorization: Bearer). At least 16 characters. */
  token: string;
  rendererDir: string;
  /** Failed authentications per remote address (default 10/s, bursts of 20); over it: 429 + Retry-After. */
  rateLimit?: RateLimitOptions;
  /** The page session secret; a fresh random one when omitted (the usual case: one per start). */
  pageSession?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** What the printed URL hands the page in its fragment (`#session=…`). */
  pageSession: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

interface Refusal {
  status: number;
  text: string;
  headers?: Record<string, string>;
}

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

/** A page session may not call a command whose answer holds a private key (a hostile page that got the session must not get the key). */
function dispatchFor(engine: Engine, caller: Exclude<Caller, null>): Dispatch {
  return async (name, input) => {
    if (caller === 'page' && isCommandName(name) && (commands[name] as CommandSpec).revealsKeys) {
      const message = `${name} reveals a private key, so a browser page may not call it: use the desktop app, or an HTTP client with the serve token (Authorization: Bearer).`;
      return { ok: false, error: { code: 'FORBIDDEN', message } };
    }
    return engine.dispatch(name, input);
  };
}

async function serveRpc(engine: Engine, caller: Exclude<Caller, null>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'POST only', undefined, { Allow: 'POST' });
  let body: string;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return send(res, 413, `Request body over ${MAX_BODY_BYTES} bytes`);
    throw error;
  }
  const answer = await handleRpcBody(dispatchFor(engine, caller), body);
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
  // No cookie, ever: pages and assets are public code, and the page's secret stays in sessionStorage.
  const headers: Record<string, string> = { 'Content-Security-Policy': RENDERER_CSP, 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
  res.writeHead(200, { 'Content-Type': contentTypeOf(file), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : content);
}

/** The headless host: the engine's command contract over JSON-RPC, events over WebSocket, the renderer as pages. */
export async function serve(engine: Engine, options: ServeOptions): Promise<RunningServer> {
  const problem = tokenProblem(options.token);
  if (problem) throw new RangeError(problem);
  const secrets = { token: options.token, pageSession: options.pageSession ?? generatePageSession() };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) });
  const failures = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const checkHost = isLoopback(options.host);
  let port = 0;
  /** Why a request is refused before its credentials are looked at (DNS rebinding, another site), or null. */
  const perimeter = (req: IncomingMessage): Refusal | null => {
    if (checkHost && !isAllowedHost(req.headers.host, port)) return { status: 403, text: 'Refused: this host answers only to a loopback name (localhost, 127.0.0.1, [::1]) and its own port' };
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return { status: 403, text: 'Cross-origin requests are refused' };
    return null;
  };
  /** A failed authentication costs its address a token; once they are spent, 429 instead of 401. */
  const refuseUnauthenticated = (req: IncomingMessage): Refusal => {
    const rate = failures.check(addressKey(req.socket.remoteAddress));
    if (!rate.allowed) return { status: 429, text: 'Too many failed authentications from this address: slow down', headers: { 'Retry-After': String(rate.retryAfter) } };
    return { status: 401, text: 'Unauthorized: open the URL printed by `infiniroute serve`, or send Authorization: Bearer <token>.', headers: { 'WWW-Authenticate': 'Bearer' } };
  };
  const server = createServer((req, res) => {
    const refused = perimeter(req);
    if (refused) return send(res, refused.status, refused.text);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let work: Promise<void>;
    if (url.pathname === '/rpc') {
      const caller = callerOf(secrets, { authorization: req.headers.authorization, session: req.headers[PAGE_SESSION_HEADER.toLowerCase()] });
      if (caller === null) {
        const answer = refuseUnauthenticated(req);
        return send(res, answer.status, answer.text, undefined, answer.headers ?? {});
      }
      work = serveRpc(engine, caller, req, res);
    } else if (url.pathname === '/') {
      // The fragment carrying the page session survives the redirect (the browser keeps it).
      return send(res, 302, '', undefined, { Location: '/user.html' });
    } else {
      work = servePage(options, req, res, url.pathname);
    }
    work.catch((error: unknown) => {
      console.error('request failed:', (error as Error).message);
      if (!res.headersSent) send(res, 500, 'Internal error');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = perimeter(req);
    const caller = refused ? null : callerOf(secrets, { authorization: req.headers.authorization, protocols: req.headers['sec-websocket-protocol'] });
    const answer = refused ?? (caller === null ? refuseUnauthenticated(req) : url.pathname !== '/events' ? { status: 404, text: 'Not Found' } : null);
    if (answer) {
      const extra = Object.entries(answer.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n${extra}Connection: close\r\n\r\n`);
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
  port = address.port;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${hostPart}:${address.port}`,
    pageSession: secrets.pageSession,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
