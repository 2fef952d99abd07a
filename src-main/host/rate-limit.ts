/**
 * A token bucket per remote address for the headless host's failed authentications: a guesser gets
 * HTTP 429 with Retry-After however many connections it opens, and a caller that proves the token
 * or the page session is never counted. Pure logic; serve.ts owns the clock.
 */
export interface RateLimitOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once from a full bucket. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 10, burst: 20 };

/** Past this many tracked addresses, buckets that have refilled (they hold nothing) are dropped. */
const MAX_TRACKED = 1_024;

export interface Bucket {
  tokens: number;
  /** Milliseconds, on the caller's monotonic clock. */
  updatedAt: number;
}

export type TakeResult = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterMs: number };

export function checkOptions(options: RateLimitOptions): RateLimitOptions {
  if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) throw new RangeError('ratePerSecond must be a positive number');
  if (!(options.burst >= 1) || !Number.isFinite(options.burst)) throw new RangeError('burst must be at least 1');
  return options;
}

export function fullBucket(options: RateLimitOptions, now: number): Bucket {
  return { tokens: options.burst, updatedAt: now };
}

/** The bucket at `now`: refilled at the sustained rate, never above the burst. A clock that steps back adds nothing. */
export function refill(bucket: Bucket, now: number, options: RateLimitOptions): Bucket {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return { tokens: Math.min(options.burst, bucket.tokens + (elapsed * options.ratePerSecond) / 1000), updatedAt: Math.max(now, bucket.updatedAt) };
}

/** Takes one token if there is one; otherwise says how long until there will be. */
export function take(bucket: Bucket, now: number, options: RateLimitOptions): TakeResult {
  const current = refill(bucket, now, options);
  if (current.tokens >= 1) return { allowed: true, bucket: { ...current, tokens: current.tokens - 1 } };
  return { allowed: false, bucket: current, retryAfterMs: Math.ceil(((1 - current.tokens) * 1000) / options.ratePerSecond) };
}

/** Retry-After is whole seconds (RFC 9110), at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export interface RateLimiter {
  /** Counts one request of `key`; `retryAfter` (seconds) is set when it must be refused. */
  check(key: string): { allowed: boolean; retryAfter: number };
  forget(key: string): void;
  readonly size: number;
}

export function createRateLimiter(options: RateLimitOptions = DEFAULT_RATE_LIMIT, now: () => number = () => performance.now()): RateLimiter {
  checkOptions(options);
  const buckets = new Map<string, Bucket>();
  return {
    check(key) {
      const t = now();
      const result = take(buckets.get(key) ?? fullBucket(options, t), t, options);
      if (buckets.size >= MAX_TRACKED) {
        for (const [other, bucket] of buckets) if (refill(bucket, t, options).tokens >= options.burst) buckets.delete(other);
      }
      buckets.set(key, result.bucket);
      return result.allowed ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: retryAfterSeconds(result.retryAfterMs) };
    },
    forget(key) {
      buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}

/** The key of one remote address: every connection from it shares the bucket (an IPv4-mapped IPv6 address is its IPv4 one). */
export function addressKey(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? '?';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
