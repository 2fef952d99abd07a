import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AppResolution =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** Unknown types go out as opaque bytes; with nosniff Chromium will not execute them. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const bad = (reason: string): AppResolution => ({ ok: false, status: 400, reason });
const notFound = (reason: string): AppResolution => ({ ok: false, status: 404, reason });

// Checked on the raw string because URL parsing silently resolves "..", "%2e%2e" and "." away,
// which would turn an attack into an innocent-looking path instead of a refusal.
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const DOT_SEGMENT = /\/(?:\.|%2e)+(?=[/?#]|$)/i;
const FORBIDDEN_RAW = /[\\\0]|%(?:00|2f|5c)/i;
// Drive letters, alternate data streams and control characters have no place in a bundle path.
function isForbiddenSegment(segment: string): boolean {
  if (segment === '.' || segment === '..') return true;
  for (const ch of segment) {
    if (ch === '/' || ch === '\\' || ch === ':' || ch.charCodeAt(0) < 0x20) return true;
  }
  return false;
}

/** True if `filePath` lies strictly inside `rootDir` (both absolute). */
export function isInside(rootDir: string, filePath: string): boolean {
  const rel = relative(resolve(rootDir), resolve(filePath));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Maps `app://renderer/<path>` to a file inside the built renderer folder, or says why not.
 * The final containment check holds even if every earlier check missed something.
 */
export function resolveAppRequest(rawUrl: string, rootDir: string): AppResolution {
  if (typeof rawUrl !== 'string' || FORBIDDEN_RAW.test(rawUrl)) return bad('forbidden characters');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return bad('unparsable URL');
  }
  if (url.protocol !== `${APP_SCHEME}:`) return bad('not an app URL');
  if (url.hostname.toLowerCase() !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return notFound('unknown host');
  }
  const rawPath = rawUrl.replace(AUTHORITY, '').split(/[?#]/, 1)[0] ?? '';
  if (DOT_SEGMENT.test(rawPath)) return bad('dot segment');
  if (rawPath.includes('//')) return bad('empty path segment');

  const segments: string[] = [];
  for (const encoded of url.pathname.split('/').filter((s) => s !== '')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return bad('malformed percent-encoding');
    }
    if (isForbiddenSegment(segment)) return bad('forbidden path segment');
    segments.push(segment);
  }
  if (segments.length === 0) return notFound('no file named');

  const root = resolve(rootDir);
  const filePath = resolve(root, ...segments);
  if (!isInside(root, filePath)) return bad('outside the renderer folder');
  return { ok: true, filePath, contentType: contentTypeFor(filePath) };
}
