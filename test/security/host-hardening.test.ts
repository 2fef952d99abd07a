import { request } from 'node:http';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopback } from '../../src-main/host/http-auth';
import { MAX_BODY_BYTES, type RunningServer } from '../../src-main/host/serve';
import { RENDERER_CSP } from '../../src-main/host/static-files';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/csp';
import { Fixture } from '../engine/helpers';
import { TOKEN, host } from '../host/helpers';

/**
 * The headless host's perimeter: a credential on /rpc and on the WebSocket upgrade, no CORS for
 * any other origin (never an Access-Control-Allow-Origin; preflights refused), a body limit, the
 * renderer's CSP. (The rate limit is in rate-limit.test.ts; logs in host-logs.test.ts.)
 */
const fx = new Fixture();
const servers: RunningServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
  await fx.cleanup();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const corsHeaders = (a: Answer) => Object.keys(a.headers).filter((h) => h.startsWith('access-control-'));

function upgrade(url: string, path: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
  sockets.push(ws);
  return new Promise((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

describe('the token', () => {
  it('is needed on /rpc for every method; a cookie, the query or Basic is as good as none', async () => {
    // 21 refused requests back to back: past the failed-authentication burst (20) a fast machine
    // would get 429 before the limiter refills. The limiter has its own tests (rate-limit.test.ts,
    // test/adversarial/host-credentials.test.ts); this one is about which credentials count.
    const { url } = await host(fx, servers, { rateLimit: { ratePerSecond: 1_000, burst: 1_000 } });
    const wrong: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong-token-0000' }, { Cookie: `infiniroute_token=${TOKEN}` }, { Authorization: `Basic ${TOKEN}` }];
    for (const method of ['GET', 'POST', 'HEAD', 'PUT', 'DELETE']) {
      for (const headers of wrong) {
        const answer = await send(url, method, '/rpc', headers, method === 'POST' ? '{"jsonrpc":"2.0","id":1,"method":"system.health"}' : undefined);
        expect(answer.status, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body).not.toContain('"result"');
      }
    }
    expect((await send(url, 'POST', `/rpc?token=${TOKEN}`, {}, '{"jsonrpc":"2.0","id":1,"method":"system.health"}')).status).toBe(401);
  });

  it('is compared in full: a prefix or the token with extra characters is refused', async () => {
    const { url } = await host(fx, servers);
    for (const token of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      expect((await send(url, 'POST', '/rpc', { Authorization: `Bearer ${token}` }, '{"jsonrpc":"2.0","id":1,"method":"system.health"}')).status, token).toBe(401);
    }
  });

  it('is needed on the WebSocket upgrade; another origin is refused even with it', async () => {
    const { url } = await host(fx, servers);
    expect(await upgrade(url, '/events')).toBe(401);
    expect(await upgrade(url, `/events?token=${TOKEN}`)).toBe(401);
    expect(await upgrade(url, '/events', { Cookie: `infiniroute_token=${TOKEN}` })).toBe(401);
    expect(await upgrade(url, '/events', { Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(url, '/nope', { Authorization: `Bearer ${TOKEN}` })).toBe(404);
    expect(await upgrade(url, '/events', { Authorization: `Bearer ${TOKEN}` })).toBe('open');
  });
});

describe('CORS', () => {
  it('refuses preflights from another origin and never sends Access-Control-* headers', async () => {
    const { url } = await host(fx, servers);
    const preflight = {
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    };
    for (const path of ['/rpc', '/user.html', '/events']) {
      const answer = await send(url, 'OPTIONS', path, preflight);
      expect(answer.status, path).toBe(403);
      expect(corsHeaders(answer), path).toEqual([]);
      // Even with a valid token, a cross-origin request is refused.
      const withToken = await send(url, 'OPTIONS', path, { ...preflight, Authorization: `Bearer ${TOKEN}` });
      expect(withToken.status).toBe(403);
      expect(corsHeaders(withToken)).toEqual([]);
    }
  });

  it('answers an OPTIONS request from the same origin with 405, without CORS headers', async () => {
    const { url } = await host(fx, servers);
    for (const path of ['/rpc', '/user.html']) {
      const answer = await send(url, 'OPTIONS', path, { Authorization: `Bearer ${TOKEN}` });
      expect(answer.status, path).toBe(405);
      expect(corsHeaders(answer)).toEqual([]);
    }
  });

  it('sends no Access-Control-* header on any answer, successful or not', async () => {
    const { url } = await host(fx, servers);
    const answers = [
      await send(url, 'POST', '/rpc', { Authorization: `Bearer ${TOKEN}` }, '{"jsonrpc":"2.0","id":1,"method":"system.health"}'),
      await send(url, 'POST', '/rpc', { Authorization: `Bearer ${TOKEN}`, Origin: url }, '{"jsonrpc":"2.0","id":1,"method":"system.health"}'),
      await send(url, 'POST', '/rpc', { Authorization: `Bearer ${TOKEN}`, Origin: 'null' }, '{}'),
      await send(url, 'GET', '/user.html'),
      await send(url, 'GET', '/assets/app.js', { Origin: 'https://evil.example' }),
      await send(url, 'GET', '/nope'),
      await send(url, 'POST', '/rpc', {}, '{}'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 403, 200, 403, 404, 401]);
    for (const answer of answers) expect(corsHeaders(answer)).toEqual([]);
  });
});

describe('limits and headers', () => {
  it('refuses a body over the limit with 413', async () => {
    const { url } = await host(fx, servers);
    const body = `{"jsonrpc":"2.0","id":1,"method":"system.health","params":{"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}}`;
    expect((await send(url, 'POST', '/rpc', { Authorization: `Bearer ${TOKEN}` }, body)).status).toBe(413);
  });

  it('sends the renderer its CSP (the same one as the desktop app://) with nosniff and no framing', async () => {
    const { url } = await host(fx, servers);
    const page = await send(url, 'GET', '/user.html');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(RENDERER_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('binds loopback by default', () => {
    for (const h of ['127.0.0.1', '::1', 'localhost', '127.1.2.3']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com']) expect(isLoopback(h)).toBe(false);
  });
});
