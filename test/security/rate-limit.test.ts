import { Agent, request } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT,
  addressKey,
  checkOptions,
  createRateLimiter,
  fullBucket,
  refill,
  retryAfterSeconds,
  take,
} from '../../src-main/host/rate-limit';
import { serve, type RunningServer } from '../../src-main/host/serve';
import { Fixture } from '../engine/helpers';

const fx = new Fixture();
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await fx.cleanup();
});

const opts = { ratePerSecond: 10, burst: 20 };

describe('token bucket', () => {
  it('allows a full burst at once, then refuses with the time until the next token', () => {
    let bucket = fullBucket(opts, 0);
    for (let i = 0; i < 20; i++) {
      const r = take(bucket, 0, opts);
      expect(r.allowed).toBe(true);
      bucket = r.bucket;
    }
    const refused = take(bucket, 0, opts);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 100 });
    expect(take(bucket, 50, opts)).toMatchObject({ allowed: false, retryAfterMs: 50 });
    expect(take(bucket, 100, opts).allowed).toBe(true);
  });

  it('refills at the sustained rate and never beyond the burst', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(refill(empty, 500, opts).tokens).toBeCloseTo(5);
    expect(refill(empty, 60_000, opts).tokens).toBe(20);
  });

  it('adds nothing when the clock steps back', () => {
    const bucket = { tokens: 3, updatedAt: 1_000 };
    expect(refill(bucket, 500, opts)).toEqual({ tokens: 3, updatedAt: 1_000 });
  });

  it('sustains exactly the configured rate over time', () => {
    let bucket = fullBucket(opts, 0);
    let allowed = 0;
    for (let t = 0; t <= 10_000; t += 1) {
      const r = take(bucket, t, opts);
      bucket = r.bucket;
      if (r.allowed) allowed++;
    }
    // The burst plus 10 per second for 10 s.
    expect(allowed).toBe(20 + 100);
  });

  it('answers Retry-After in whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });

  it('refuses nonsense options', () => {
    expect(() => checkOptions({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => checkOptions({ ratePerSecond: Number.NaN, burst: 1 })).toThrow(RangeError);
    expect(() => checkOptions({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
    expect(DEFAULT_RATE_LIMIT).toEqual({ ratePerSecond: 10, burst: 20 });
  });
});

describe('rate limiter', () => {
  it('keeps one bucket per address (an IPv4-mapped address is its IPv4 one) and forgets on request', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 }, () => now);
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    const a = addressKey('127.0.0.1');
    const b = addressKey('::1');
    expect([limiter.check(a).allowed, limiter.check(a).allowed, limiter.check(a).allowed]).toEqual([true, true, false]);
    expect(limiter.check(a).retryAfter).toBe(1);
    expect(limiter.check(b).allowed).toBe(true);
    expect(limiter.size).toBe(2);
    limiter.forget(a);
    expect(limiter.size).toBe(1);
    expect(limiter.check(a).allowed).toBe(true);
    now = 10_000;
    expect(limiter.check(b).allowed).toBe(true);
  });
});

/** POST /rpc over one kept-alive connection (maxSockets 1). */
function post(url: string, token: string, agent: Agent): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/rpc`, { agent, method: 'POST', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end('{"jsonrpc":"2.0","id":1,"method":"system.health"}');
  });
}

describe('serve with a limit on failed authentications', () => {
  it('answers 429 with Retry-After past the burst for every connection of the address, and never throttles the token', async () => {
    const dir = await fx.tempDir();
    const engine = await fx.open(join(dir, 'data'));
    await mkdir(join(dir, 'renderer'));
    const token = 'rate-limit-token-0123';
    const server = await serve(engine, { port: 0, host: '127.0.0.1', token, rendererDir: join(dir, 'renderer'), rateLimit: { ratePerSecond: 1, burst: 5 } });
    servers.push(server);
    const one = new Agent({ keepAlive: true, maxSockets: 1 });
    const other = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 8; i++) {
        const r = await post(server.url, 'wrong-token-000000', one);
        statuses.push(r.status);
        retryAfter ??= r.retryAfter;
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Another connection from the same address shares the spent budget...
      expect((await post(server.url, 'wrong-token-000000', other)).status).toBe(429);
      // ...but a caller with the token is served, however many calls it makes.
      for (let i = 0; i < 50; i++) expect((await post(server.url, token, other)).status).toBe(200);
    } finally {
      one.destroy();
      other.destroy();
    }
  });
});
