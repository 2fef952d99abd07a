import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcesses, type Served } from '../host/serve-process';

/**
 * Findings 6 and 10, against the real `serve` process. At e54370e the page cookie was the full
 * bearer token (browsers send cookies to every port of 127.0.0.1, so any local web service got it,
 * and with it identity.linkDevice returned the identity key); the rate limit was per connection
 * (10 connections multiplied it); an 8-character token was accepted; the Host header was not
 * checked, so a DNS-rebound name reached the API.
 */
const processes = new CliProcesses();
const TOKEN = randomBytes(24).toString('base64url');
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 10);
let served: Served;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adv-host-'));
  served = await processes.serve(['--data', dataDir, '--port', '0', '--token', TOKEN, '--no-sync', '--no-demo-sim']);
}, 90_000);
afterAll(async () => {
  await processes.killAll();
  await rm(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {}): Promise<Answer> {
  const { hostname, port } = new URL(served.base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpcBody = (method: string, params: unknown = {}) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });

/** Every credential a page-side attacker could read from what the server sets: cookies and the page URL. */
function cookiesOf(answer: Answer): string[] {
  const header = answer.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}

describe('finding 6: no credential in a cookie, and a page session cannot reveal keys', () => {
  it('sets no cookie on any page or asset, and the printed URL does not carry the host token', async () => {
    await send('/rpc', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('marketplace.create', { name: 'cookies' }) });
    // What a page load gets (at e54370e: the page, with the token as a cookie).
    const openPath = new URL(served.openUrl).pathname + new URL(served.openUrl).search;
    const answers = [await send(openPath), await send('/user.html'), await send('/producer.html'), await send('/')];
    for (const answer of answers) {
      expect(cookiesOf(answer)).toEqual([]);
      expect(answer.body).not.toContain(TOKEN);
    }
    expect(served.openUrl).not.toContain(TOKEN);
    // A local web service on another port sees whatever cookies the browser holds for 127.0.0.1: none exists to replay.
    const replay = await send('/rpc', { method: 'POST', headers: { Cookie: `infiniroute_token=${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('system.health') });
    expect(replay.status).toBe(401);
  });

  it('refuses identity.linkDevice to the page session while the host token may call it', async () => {
    const session = new URL(served.openUrl).hash.match(/session=([^&]+)/)?.[1];
    // At e54370e the printed URL carries the token itself, which the page (and its cookie) used.
    const pageCredential = session ?? new URL(served.openUrl).searchParams.get('token')!;
    const pageHeaders: Record<string, string> = session ? { 'X-InfiniRoute-Session': session } : { Authorization: `Bearer ${pageCredential}` };
    const linkParams = { address: '127.0.0.1:5319' };
    const health = await send('/rpc', { method: 'POST', headers: { ...pageHeaders, 'Content-Type': 'application/json' }, body: rpcBody('system.health') });
    expect(health.status).toBe(200);
    const link = await send('/rpc', { method: 'POST', headers: { ...pageHeaders, 'Content-Type': 'application/json' }, body: rpcBody('identity.linkDevice', linkParams) });
    const answer = JSON.parse(link.body) as { result?: unknown; error?: { data?: { code?: string; message?: string } } };
    expect(answer.result).toBeUndefined();
    expect(answer.error?.data?.code).toBe('FORBIDDEN');
    expect(answer.error?.data?.message).toMatch(/private key/);
    const byToken = await send('/rpc', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('identity.linkDevice', linkParams) });
    expect((JSON.parse(byToken.body) as { result?: { code?: string } }).result?.code).toEqual(expect.any(String));
  });
});

describe('finding 10: token guessing, short tokens and DNS rebinding', () => {
  it('limits wrong tokens per address across 10 connections, while an authenticated client is never throttled', { timeout: 60_000 }, async () => {
    const agents = Array.from({ length: 10 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    const client = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses = new Map<number, number>();
      const authenticated: number[] = [];
      // 10 connections × 30 wrong guesses, in a seeded order, while 60 authenticated calls go on.
      const order = Array.from({ length: 300 }, (_, i) => i);
      let a = SEED >>> 0;
      for (let i = order.length - 1; i > 0; i--) {
        a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0;
        const j = a % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const started = performance.now();
      const flood = agents.map(async (agent, c) => {
        for (const n of order.filter((k) => k % 10 === c)) {
          const wrong = await send('/rpc', { method: 'POST', agent, headers: { Authorization: `Bearer wrong-${n}-${randomBytes(8).toString('hex')}` }, body: rpcBody('system.health') });
          statuses.set(wrong.status, (statuses.get(wrong.status) ?? 0) + 1);
        }
      });
      // The user's own client calls all through the flood, from the same address.
      const user = (async () => {
        for (let i = 0; i < 60; i++) {
          const ok = await send('/rpc', { method: 'POST', agent: client, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('system.health') });
          authenticated.push(ok.status);
        }
      })();
      await Promise.all([...flood, user]);
      const seconds = (performance.now() - started) / 1000;
      // The guesses of all 10 connections share one budget: a burst of 20 and 10 a second, then 429.
      expect(statuses.get(401) ?? 0).toBeLessThanOrEqual(20 + Math.ceil(10 * seconds) + 1);
      expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(300);
      expect(authenticated.every((s) => s === 200)).toBe(true);
    } finally {
      for (const agent of [...agents, client]) agent.destroy();
    }
  });

  it('refuses to start with a short token, naming the minimum', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adv-host-short-'));
    try {
      // A serve that accepts the token runs on: after 20 s it counts as started (and is killed after the file).
      const running = new Promise<{ code: null; stderr: string }>((resolve) => setTimeout(() => resolve({ code: null, stderr: 'serve started with the short token' }), 20_000).unref());
      const ran = await Promise.race([processes.run(['serve', '--data', dir, '--port', '0', '--token', 'abcdefgh12345', '--no-sync', '--no-demo-sim']), running]);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(/at least 16 characters/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a request whose Host is not a loopback name (DNS rebinding), even with the token', async () => {
    const port = new URL(served.base).port;
    for (const host of [`attacker.example:${port}`, `rebind.127.0.0.1.nip.io:${port}`, `localhost.attacker.example:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const answer = await send('/rpc', { method: 'POST', headers: { Host: host, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('system.health') });
      expect(answer.status, host).toBe(403);
      expect(answer.body).not.toContain('"result"');
      const page = await send('/user.html', { headers: { Host: host } });
      expect(page.status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const answer = await send('/rpc', { method: 'POST', headers: { Host: host, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: rpcBody('system.health') });
      expect(answer.status, host).toBe(200);
    }
  });
});
