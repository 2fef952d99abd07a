import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../src-main/engine/engine';
import type { RateLimitOptions } from '../../src-main/host/rate-limit';
import { serve, type RunningServer } from '../../src-main/host/serve';
import { Fixture } from '../engine/helpers';

export const TOKEN = 'test-token-0123456789';
export const APP_JS = 'console.log("app");\n';

export interface Hosted {
  engine: Engine;
  server: RunningServer;
  url: string;
  /** The folder holding the renderer folder (a secret.txt sits here, outside what may be served). */
  root: string;
}

/** An engine over a fresh folder, served on a free loopback port with a tiny renderer build. */
export async function host(fx: Fixture, servers: RunningServer[], options: { pageSession?: string; rateLimit?: RateLimitOptions } = {}): Promise<Hosted> {
  const root = await fx.tempDir();
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'user.html'), '<!doctype html><title>user</title><script src="/assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rendererDir, '.env'), 'SECRET=dotfile');
  await writeFile(join(root, 'secret.txt'), 'SECRET=outside');
  const engine = await fx.open(join(root, 'data'));
  const server = await serve(engine, { port: 0, host: '127.0.0.1', token: TOKEN, rendererDir, ...options });
  servers.push(server);
  return { engine, server, url: server.url, root };
}

export async function rpc(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/rpc`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw HTTP request: the path goes out exactly as written (fetch would normalise `..` away). */
export function raw(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
