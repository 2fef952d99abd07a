import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextAttempt, restartDelayMs } from '../../src-main/shell/backoff';

describe('restartDelayMs', () => {
  it('doubles from 500 ms and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelayMs(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('treats nonsense attempts as the first', () => {
    expect(restartDelayMs(-3)).toBe(500);
    expect(restartDelayMs(Number.NaN)).toBe(500);
    expect(restartDelayMs(1.7)).toBe(1000);
  });

  it('never overflows to Infinity', () => {
    expect(restartDelayMs(10_000)).toBe(30_000);
  });

  it('follows a custom policy', () => {
    const policy = { baseMs: 100, factor: 3, maxMs: 1000, stableAfterMs: 5 };
    expect([0, 1, 2, 3].map((n) => restartDelayMs(n, policy))).toEqual([100, 300, 900, 1000]);
  });
});

describe('nextAttempt', () => {
  it('keeps counting while the host crashes before becoming stable', () => {
    expect(nextAttempt(3, null)).toBe(3);
    expect(nextAttempt(3, DEFAULT_BACKOFF.stableAfterMs - 1)).toBe(3);
  });

  it('starts over after a stable run', () => {
    expect(nextAttempt(5, DEFAULT_BACKOFF.stableAfterMs)).toBe(0);
  });
});
