/**
 * When to restart a crashed engine host. Exponential, capped, and without jitter: there is one
 * local process, not a crowd of clients to spread out, and a deterministic schedule is testable.
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** A host that stayed ready this long counts as healthy again: the next crash starts over. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, factor: 2, maxMs: 30_000, stableAfterMs: 60_000 };

/** Delay before restart number `attempt` (0-based) in a run of consecutive crashes. */
export function restartDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  return Math.min(policy.maxMs, policy.baseMs * policy.factor ** n);
}

/**
 * The attempt number for the crash that just happened. `readyForMs` is how long the host had been
 * ready (null if it never got ready, e.g. it crashes during start-up).
 */
export function nextAttempt(previous: number, readyForMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return readyForMs !== null && readyForMs >= policy.stableAfterMs ? 0 : previous;
}
