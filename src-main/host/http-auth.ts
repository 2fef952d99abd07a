import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SESSION_PROTOCOL_PREFIX } from '../../src-shared/page-session';

/** A token the user chooses must be at least this long; a generated one is 256 random bits. */
export const MIN_TOKEN_LENGTH = 16;

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A page session secret: new at every start, handed to the page in the printed URL's fragment. */
export function generatePageSession(): string {
  return randomBytes(32).toString('base64url');
}

/** Why a token may not be used, or null when it may. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `the token must be at least ${MIN_TOKEN_LENGTH} characters (a random one is made when none is given)`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'the token must be printable ASCII without spaces';
  return null;
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestCredentials {
  authorization?: string | undefined;
  /** The X-InfiniRoute-Session header (/rpc). */
  session?: string | string[] | undefined;
  /** Sec-WebSocket-Protocol (/events): browsers cannot set headers on a WebSocket. */
  protocols?: string | undefined;
}

/** Who is calling: a client with the host token, the page opened from the printed URL, or nobody. */
export type Caller = 'token' | 'page' | null;

export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function sessionOfProtocols(header: string | undefined): string | null {
  for (const protocol of (header ?? '').split(',')) {
    const value = protocol.trim();
    if (value.startsWith(SESSION_PROTOCOL_PREFIX)) return value.slice(SESSION_PROTOCOL_PREFIX.length);
  }
  return null;
}

/**
 * The caller a request proves to be. Only headers count, never a cookie (a browser sends those to
 * every port of the host) and never the query (it ends up in history and logs).
 */
export function callerOf(secrets: { token: string; pageSession: string }, req: RequestCredentials): Caller {
  if (tokensEqual(secrets.token, bearerOf(req.authorization))) return 'token';
  const session = typeof req.session === 'string' ? req.session : null;
  if (tokensEqual(secrets.pageSession, session ?? sessionOfProtocols(req.protocols))) return 'page';
  return null;
}

/** A WebSocket or page request from another site's page is refused. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Against DNS rebinding: a server bound to loopback answers only requests whose Host names a
 * loopback address (a rebound name such as attacker.example resolves to 127.0.0.1 but keeps its
 * own Host) on the port it listens on.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  const match = /^(\[::1\]|localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::(\d{1,5}))?$/i.exec(hostHeader ?? '');
  if (!match) return false;
  return match[2] === undefined ? port === 80 : Number(match[2]) === port;
}

/** Secrets never reach a log: a token or session is cut out of any URL we print about a request. */
export function redactUrl(url: string): string {
  return url.replace(/([?&#](?:token|session)=)[^&]*/g, '$1[redacted]');
}
