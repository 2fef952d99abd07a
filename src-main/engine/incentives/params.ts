import type { RewardParams } from '../../../src-shared/rewards';

/**
 * The incentive formula's parameters (docs/incentives.md). They are part of every epoch result
 * (and so of its hash): a peer running other parameters computes another result hash, and the
 * claim check tells the two apart instead of silently paying a different split.
 */
export const REWARD_PARAMS: RewardParams = {
  weights: { quality: 50, latency: 20, reliability: 30 },
  // A neutral vote (3 stars = 500 per-mille) worth three calls: a lone rater cannot lift a model.
  priorVote: 500,
  priorWeight: 3,
  minPayers: 3,
  minOkObservations: 3,
};

/** How many raters per model the transparency view details (all of them count). */
export const RATER_DETAIL_LIMIT = 20;

export interface EpochWindow {
  epoch: number;
  /** Records timed in [start, close) belong to the epoch. */
  start: number;
  close: number;
  /** close + grace: records received here later are excluded; from then on the epoch is final. */
  finalAt: number;
}

/** Epochs are aligned to the Unix epoch: epoch n = [n × len, (n + 1) × len). */
export function epochOf(ts: number, lenMs: number): number {
  return Math.floor(ts / lenMs);
}

export function windowOf(epoch: number, lenMs: number, graceMs: number): EpochWindow {
  const start = epoch * lenMs;
  return { epoch, start, close: start + lenMs, finalAt: start + lenMs + graceMs };
}

/** The formula as a page prints it; the numbers come from REWARD_PARAMS. */
export function formulaLines(p: RewardParams): string[] {
  const w = p.weights;
  return [
    'Only identities that paid for a model in the epoch (not its producer) count for it: its payers.',
    "weight(rater) = min(paid calls, median paid calls of the model's other payers)",
    'vote(rater) = mean of its signals in per-mille: verified review (stars − 1) × 250, share of thumbs up of its verified feedback, paid evaluation accuracy',
    `consensus = the highest vote backed by more than half of the weight, counting a prior of ${p.priorVote} with weight ${p.priorWeight} (Yuma)`,
    `quality = (${p.priorWeight} × min(${p.priorVote}, consensus) + Σ weight × min(vote, consensus)) / (${p.priorWeight} + Σ weight)`,
    "observations: a payer's successes count up to its paid calls, then its count is capped at the median of the other observers'; reliability = 1000 × ok / counted",
    "latency = 1000 × task median / (task median + model median), medians of the counted successful observations",
    `perf = (${w.quality} × quality + ${w.latency} × latency + ${w.reliability} × reliability) / ${w.quality + w.latency + w.reliability}`,
    'model score = payers × perf; producer score = Σ model scores, or 0 below the threshold',
    `threshold: at least ${p.minPayers} distinct paying users and ${p.minOkObservations} counted successful observations over the producer's models`,
    'reward = floor((fees of the epoch + carried remainder) × producer score / total score); the remainder carries to the next epoch',
  ];
}
