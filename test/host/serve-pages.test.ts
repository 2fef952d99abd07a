import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../src-main/host/serve';
import { RENDERER_CSP } from '../../src-main/host/static-files';
import { Fixture } from '../engine/helpers';
import { APP_JS, TOKEN, host, raw, rpc } from './helpers';

const fx = new Fixture();
const servers: RunningServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
  await fx.cleanup();
});

const COOKIE = `infiniroute_token=${TOKEN}`;

/** Opens a WebSocket; resolves 'open', or the HTTP status the server refused the upgrade with. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; outcome: 'open' | number }> {
  const ws = new WebSocket(url, { headers });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, outcome: 'open' }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, outcome: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('pages and assets', () => {
  it('serves the page with the token in the URL, with a CSP and an HttpOnly SameSite cookie', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/user.html?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(COOKIE);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(await res.text()).toContain('<title>user</title>');
  });

  it('serves assets to the cookie the page set, as text/javascript', async () => {
    const { url } = await host(fx, servers);
    const page = await fetch(`${url}/user.html?token=${TOKEN}`);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${url}/assets/app.js`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe(APP_JS);
  });

  it('refuses pages and assets without a token, or with a wrong one, with 401', async () => {
    const { url } = await host(fx, servers);
    expect((await fetch(`${url}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${url}/user.html`)).status).toBe(401);
    expect((await fetch(`${url}/user.html?token=wrong-token`)).status).toBe(401);
    expect((await fetch(`${url}/assets/app.js`, { headers: { Cookie: 'infiniroute_token=wrong' } })).status).toBe(401);
  });

  it('sets no cookie with an asset', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/assets/app.js?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('redirects / to the user window, keeping the query', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/user.html?token=${TOKEN}`);
  });

  it('answers 404 for missing files, dot-files and traversal attempts, never leaking a file', async () => {
    const { url } = await host(fx, servers);
    for (const path of ['/assets/missing.js', '/.env', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%5c..%5c..%5csecret.txt', '/user.html%00']) {
      const res = await raw(url, path, { Cookie: COOKIE });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('SECRET');
    }
  });

  it('says the renderer is not built (503) when a page is missing', async () => {
    const { url } = await host(fx, servers);
    expect((await fetch(`${url}/producer.html?token=${TOKEN}`)).status).toBe(503);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { url } = await host(fx, servers);
    const head = await fetch(`${url}/assets/app.js`, { method: 'HEAD', headers: { Cookie: COOKIE } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}/assets/app.js`, { method: 'DELETE', headers: { Cookie: COOKIE } })).status).toBe(405);
  });

  it('refuses a cross-origin request with 403, even with the cookie', async () => {
    const { url } = await host(fx, servers);
    const res = await raw(url, '/assets/app.js', { Cookie: COOKIE, Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('app');
  });
});

describe('WebSocket /events', () => {
  const wsUrl = (url: string, query = '') => `${url.replace(/^http/, 'ws')}/events${query}`;

  it('refuses an upgrade without the token', async () => {
    const { url } = await host(fx, servers);
    expect((await connect(wsUrl(url))).outcome).toBe(401);
    expect((await connect(wsUrl(url, '?token=wrong'))).outcome).toBe(401);
  });

  it('refuses an upgrade from another origin, even with the token', async () => {
    const { url } = await host(fx, servers);
    const { outcome } = await connect(wsUrl(url, `?token=${TOKEN}`), { Origin: 'http://evil.example' });
    expect(outcome).not.toBe('open');
  });

  it('refuses an upgrade on another path', async () => {
    const { url } = await host(fx, servers);
    expect((await connect(`${url.replace(/^http/, 'ws')}/rpc?token=${TOKEN}`)).outcome).toBe(404);
  });

  it('pushes settings.changed to a socket opened with ?token= after a settings.set call', async () => {
    const { url } = await host(fx, servers);
    const { ws, outcome } = await connect(wsUrl(url, `?token=${TOKEN}`));
    expect(outcome).toBe('open');
    const message = nextMessage(ws);
    expect((await rpc(url, { jsonrpc: '2.0', id: 1, method: 'settings.set', params: { theme: 'light' } })).status).toBe(200);
    expect(await message).toEqual({ event: 'settings.changed', payload: { theme: 'light' } });
  });

  it('accepts the cookie and pushes to every open socket', async () => {
    const { url } = await host(fx, servers);
    const a = await connect(wsUrl(url), { Cookie: COOKIE });
    const b = await connect(wsUrl(url, `?token=${TOKEN}`));
    expect([a.outcome, b.outcome]).toEqual(['open', 'open']);
    const messages = Promise.all([nextMessage(a.ws), nextMessage(b.ws)]);
    await rpc(url, { jsonrpc: '2.0', id: 1, method: 'settings.set', params: { theme: 'dark' } });
    const expected = { event: 'settings.changed', payload: { theme: 'dark' } };
    expect(await messages).toEqual([expected, expected]);
  });

  it('stops listening for a socket once it closes', async () => {
    const { url, engine } = await host(fx, servers);
    const { ws } = await connect(wsUrl(url, `?token=${TOKEN}`));
    const listeners = () => (engine as unknown as { listeners: Set<unknown> }).listeners.size;
    expect(listeners()).toBe(1);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await closed;
    await expect.poll(listeners, { timeout: 10_000 }).toBe(0);
  });
});
