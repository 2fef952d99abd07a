import type { CatalogItem } from '../../../src-shared/catalog';
import type { OutputLengthsByTask } from './output-lengths';

/** What this engine has learned about one model from observations and feedback. */
export interface ModelStats {
  calls: number;
  successes: number;
  /** Recent successful-call latencies (ring of at most LATENCY_WINDOW), for p50/p95. */
  latencies: number[];
  feedbackUp: number;
  feedbackDown: number;
  /** p95 of `latencies`, kept until the next outcome (a decision reads it for thousands of models). */
  p95?: number | undefined;
  /** Output lengths of successful calls per task (output-lengths.ts), made at the first one. */
  outputByTask?: OutputLengthsByTask | undefined;
}

export const LATENCY_WINDOW = 200;
/** Claimed figures count as this many observations: enough to start, easy to overturn. */
export const PRIOR_STRENGTH = 20;
/** Below this many observations a figure stays "claimed". */
export const MIN_MEASURED = 5;

export function emptyStats(): ModelStats {
  return { calls: 0, successes: 0, latencies: [], feedbackUp: 0, feedbackDown: 0 };
}

export function recordOutcome(stats: ModelStats, ok: boolean, latencyMs: number): void {
  stats.calls++;
  if (!ok) return;
  stats.p95 = undefined;
  stats.successes++;
  stats.latencies.push(latencyMs);
  if (stats.latencies.length > LATENCY_WINDOW) stats.latencies.shift();
}

export function nearestRank(values: readonly number[], p: number): number {
  return rankOfSorted([...values].sort((a, b) => a - b), p);
}

function rankOfSorted(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const NO_STATS: Readonly<ModelStats> = Object.freeze({ calls: 0, successes: 0, latencies: [], feedbackUp: 0, feedbackDown: 0 });

function latencyP95(stats: ModelStats): number {
  stats.p95 ??= nearestRank(stats.latencies, 0.95);
  return stats.p95;
}

/** The numbers of `effectiveFigures` without their sources: what the decision loop needs per model. */
export interface EffectiveNumbers {
  qualityBps: number;
  successRateBps: number;
  latencyP95Ms: number;
  /** Both latency and reliability come from observed calls (the measuredOnly constraint). */
  measured: boolean;
}

export function effectiveNumbers(item: CatalogItem, task: string, stats: ModelStats | undefined, into: EffectiveNumbers): EffectiveNumbers {
  const s = stats ?? NO_STATS;
  const feedback = s.feedbackUp + s.feedbackDown;
  const claimedQuality = item.metrics.accuracyBps[task]?.value ?? 0;
  into.qualityBps = Math.round((claimedQuality * PRIOR_STRENGTH + s.feedbackUp * 10_000) / (PRIOR_STRENGTH + feedback));
  into.successRateBps = Math.round((item.metrics.successRateBps.value * PRIOR_STRENGTH + s.successes * 10_000) / (PRIOR_STRENGTH + s.calls));
  const measuredLatency = s.latencies.length >= MIN_MEASURED;
  into.latencyP95Ms = measuredLatency ? latencyP95(s as ModelStats) : item.metrics.latencyP95Ms.value;
  into.measured =
    (measuredLatency || item.metrics.latencyP95Ms.source === 'measured') && (s.calls >= MIN_MEASURED || item.metrics.successRateBps.source === 'measured');
  return into;
}

export interface Effective {
  qualityBps: number;
  qualityStrength: number;
  qualitySource: string;
  successRateBps: number;
  successStrength: number;
  reliabilitySource: string;
  latencyP95Ms: number;
  latencySource: string;
}

/**
 * The figures routing uses: claimed metrics as a prior worth PRIOR_STRENGTH observations, moved
 * by what was observed (success, latency) and by user feedback (quality). Integers throughout.
 */
export function effectiveFigures(item: CatalogItem, task: string, stats: ModelStats | undefined): Effective {
  const s = stats ?? emptyStats();
  const claimedQuality = item.metrics.accuracyBps[task]?.value ?? 0;
  const feedback = s.feedbackUp + s.feedbackDown;
  const qualityBps = Math.round((claimedQuality * PRIOR_STRENGTH + s.feedbackUp * 10_000) / (PRIOR_STRENGTH + feedback));
  const claimedSuccess = item.metrics.successRateBps.value;
  const successRateBps = Math.round((claimedSuccess * PRIOR_STRENGTH + s.successes * 10_000) / (PRIOR_STRENGTH + s.calls));
  const measuredLatency = s.latencies.length >= MIN_MEASURED;
  return {
    qualityBps,
    qualityStrength: PRIOR_STRENGTH + feedback,
    qualitySource: feedback > 0 ? `${item.metrics.accuracyBps[task]?.source ?? 'claimed'}+feedback` : (item.metrics.accuracyBps[task]?.source ?? 'claimed'),
    successRateBps,
    successStrength: PRIOR_STRENGTH + s.calls,
    reliabilitySource: s.calls >= MIN_MEASURED ? 'measured' : item.metrics.successRateBps.source,
    latencyP95Ms: measuredLatency ? latencyP95(s) : item.metrics.latencyP95Ms.value,
    latencySource: measuredLatency ? 'measured' : item.metrics.latencyP95Ms.source,
  };
}

/** The catalog's "measured" figures once enough calls were observed; null before. */
export function measuredFigures(stats: ModelStats | undefined): { latencyP50Ms: number; latencyP95Ms: number; successRateBps: number } | null {
  if (!stats || stats.calls < MIN_MEASURED || stats.latencies.length === 0) return null;
  // Every routed call refreshes its model's catalog row: one sort for both ranks.
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  return {
    latencyP50Ms: rankOfSorted(sorted, 0.5),
    latencyP95Ms: rankOfSorted(sorted, 0.95),
    successRateBps: Math.round((stats.successes * 10_000) / stats.calls),
  };
}
