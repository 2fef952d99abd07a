import { readFile as fsReadFile } from 'node:fs/promises';
import { resolveAppRequest } from './app-url';
import { securityHeaders } from './csp';

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  rootDir: string;
  readFile?: (path: string) => Promise<Uint8Array>;
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer read-only, GET only, with
 * the CSP on every answer. It never reveals file-system paths in its answers.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((path: string) => fsReadFile(path));
  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'Method Not Allowed', { Allow: 'GET' });
    const resolved = resolveAppRequest(request.url, options.rootDir);
    if (!resolved.ok) return plain(resolved.status, resolved.status === 404 ? 'Not Found' : 'Bad Request');
    let body: Uint8Array;
    try {
      body = await readFile(resolved.filePath);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      return typeof code === 'string' && MISSING.has(code) ? plain(404, 'Not Found') : plain(500, 'Internal Server Error');
    }
    return new Response(body, {
      status: 200,
      headers: { ...securityHeaders(), 'Content-Type': resolved.contentType },
    });
  };
}
