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

const SESSION = 'page-session-secret-0123456789abcdefghijklmnop';

/** Opens a WebSocket; resolves 'open', or the HTTP status the server refused the upgrade with. */
function connect(url: string, headers: Record<string, string> = {}, protocols: string[] = []): Promise<{ ws: WebSocket; outcome: 'open' | number }> {
  const ws = new WebSocket(url, protocols, { headers });
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
  it('serves the page without any credential, with a CSP and never a cookie', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/user.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('<title>user</title>');
  });

  it('serves assets as text/javascript, with no cookie', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toBe(APP_JS);
  });

  it('redirects / to the user window (the browser keeps the #session fragment)', async () => {
    const { url } = await host(fx, servers);
    const res = await fetch(`${url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/user.html');
  });

  it('answers 404 for missing files, dot-files and traversal attempts, never leaking a file', async () => {
    const { url } = await host(fx, servers);
    for (const path of ['/assets/missing.js', '/.env', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%5c..%5c..%5csecret.txt', '/user.html%00']) {
      const res = await raw(url, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('SECRET');
    }
  });

  it('says the renderer is not built (503) when a page is missing', async () => {
    const { url } = await host(fx, servers);
    expect((await fetch(`${url}/producer.html`)).status).toBe(503);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { url } = await host(fx, servers);
    const head = await fetch(`${url}/assets/app.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}/assets/app.js`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a cross-origin request with 403', async () => {
    const { url } = await host(fx, servers);
    const res = await raw(url, '/assets/app.js', { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('app');
  });
});

describe('WebSocket /events', () => {
  const wsUrl = (url: string, path = '/events') => `${url.replace(/^http/, 'ws')}${path}`;
  const BEARER = { Authorization: `Bearer ${TOKEN}` };
  const PAGE = ['infiniroute.events', `infiniroute.session.${SESSION}`];

  it('refuses an upgrade without a credential, with a wrong one, or with the token in the query', async () => {
    const { url } = await host(fx, servers, { pageSession: SESSION });
    expect((await connect(wsUrl(url))).outcome).toBe(401);
    expect((await connect(wsUrl(url, `/events?token=${TOKEN}`))).outcome).toBe(401);
    expect((await connect(wsUrl(url), { Cookie: `infiniroute_token=${TOKEN}` })).outcome).toBe(401);
    expect((await connect(wsUrl(url), {}, ['infiniroute.events', 'infiniroute.session.wrong'])).outcome).toBe(401);
  });

  it('refuses an upgrade from another origin, even with the token', async () => {
    const { url } = await host(fx, servers);
    const { outcome } = await connect(wsUrl(url), { ...BEARER, Origin: 'http://evil.example' });
    expect(outcome).not.toBe('open');
  });

  it('refuses an upgrade on another path', async () => {
    const { url } = await host(fx, servers);
    expect((await connect(wsUrl(url, '/rpc'), BEARER)).outcome).toBe(404);
  });

  it('pushes settings.changed to a page socket (session subprotocol) and a bearer socket', async () => {
    const { url } = await host(fx, servers, { pageSession: SESSION });
    const a = await connect(wsUrl(url), {}, PAGE);
    const b = await connect(wsUrl(url), BEARER);
    expect([a.outcome, b.outcome]).toEqual(['open', 'open']);
    expect(a.ws.protocol).toBe('infiniroute.events');
    const messages = Promise.all([nextMessage(a.ws), nextMessage(b.ws)]);
    expect((await rpc(url, { jsonrpc: '2.0', id: 1, method: 'settings.set', params: { theme: 'dark' } })).status).toBe(200);
    const expected = { event: 'settings.changed', payload: { theme: 'dark' } };
    expect(await messages).toEqual([expected, expected]);
  });

  it('stops listening for a socket once it closes', async () => {
    const { url, engine } = await host(fx, servers);
    const { ws } = await connect(wsUrl(url), BEARER);
    const listeners = () => (engine as unknown as { listeners: Set<unknown> }).listeners.size;
    expect(listeners()).toBe(1);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close();
    await closed;
    await expect.poll(listeners, { timeout: 10_000 }).toBe(0);
  });
});
