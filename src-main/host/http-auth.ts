import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'infiniroute_token';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestCredentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
  url: string;
}

export function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Which credential a request may use. Commands need the Bearer header (a cross-site form cannot set
 * it); pages and assets may use `?token=` or the cookie the page sets, because a browser loading
 * scripts sends neither header nor query.
 */
export function isAuthorized(token: string, req: RequestCredentials, kind: 'rpc' | 'page' | 'events'): boolean {
  if (tokensEqual(token, bearerOf(req.authorization))) return true;
  if (kind === 'rpc') return false;
  const query = new URL(req.url, 'http://localhost').searchParams.get('token');
  return tokensEqual(token, query) || tokensEqual(token, cookieOf(req.cookie, TOKEN_COOKIE));
}

/** A WebSocket or page request from another site's page is refused even with the cookie. */
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

/** Secrets never reach a log: the token is cut out of any URL we print about a request. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}
