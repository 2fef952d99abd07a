import type { CatalogItem } from '../../../src-shared/catalog';
import type { Candidate, Weights } from '../../../src-shared/routing';
import { PRIOR_STRENGTH, effectiveFigures, type ModelStats } from './estimates';
import { outputEstimateOf } from './output-lengths';
import { sampleRateBps } from './sampling';

/** What scoring and exploration read of a decision's context (the planner's PlanContext has it). */
export interface RankContext {
  task: string;
  weights: Weights;
  /** The caller's expected output tokens, or null (learned per model, else the default). */
  outputTokens: number | null;
  stats(modelId: string): ModelStats | undefined;
  explorationBps: number;
  random: () => number;
}

/** Exploration draws among this many of the best candidates. */
export const EXPLORE_TOP = 20;

/** An eligible model with its figures for this decision. */
export interface Eligible {
  item: CatalogItem;
  cost: number;
  qualityBps: number;
  successRateBps: number;
  latencyP95Ms: number;
  /** The strategy's sort key, computed once per decision. */
  score: number;
}

function perMille(numerator: number, denominator: number): number {
  return denominator <= 0 ? 1000 : Math.min(1000, Math.round((numerator * 1000) / denominator));
}

/** How far a cost (or latency) sits above the best, on a log scale: 1000 at the best, 0 at 100× it. */
export const LOG_SPAN = Math.log(100);
function closeness(value: number, best: number): number {
  const ratio = (value + 1) / (best + 1);
  return Math.max(0, Math.round(1000 * (1 - Math.log(ratio) / LOG_SPAN)));
}

export interface Best {
  cost: number;
  quality: number;
  latency: number;
}

function partsOf(cost: number, qualityBps: number, latencyP95Ms: number, successBps: number, best: Best): Candidate['parts'] {
  return {
    quality: perMille(qualityBps, best.quality),
    price: closeness(cost, best.cost),
    latency: closeness(latencyP95Ms, best.latency),
    reliability: Math.round(successBps / 10),
  };
}

/** scoreOf(partsOf(...)) without building the parts: the decision loop scores every eligible model. */
export function scoreFor(cost: number, qualityBps: number, latencyP95Ms: number, successBps: number, best: Best, w: Weights): number {
  const total = w.quality + w.price + w.latency + w.reliability || 1;
  const sum =
    perMille(qualityBps, best.quality) * w.quality + closeness(cost, best.cost) * w.price + closeness(latencyP95Ms, best.latency) * w.latency + Math.round(successBps / 10) * w.reliability;
  return Math.round(sum / total);
}

function scoreOf(parts: Candidate['parts'], w: Weights): number {
  const total = w.quality + w.price + w.latency + w.reliability || 1;
  return Math.round((parts.quality * w.quality + parts.price * w.price + parts.latency * w.latency + parts.reliability * w.reliability) / total);
}

export function toCandidate(e: Eligible, ctx: RankContext, best: Best, qualityBps = e.qualityBps, successBps = e.successRateBps, explored = false): Candidate {
  const stats = ctx.stats(e.item.id);
  const fig = effectiveFigures(e.item, ctx.task, stats);
  const parts = partsOf(e.cost, qualityBps, e.latencyP95Ms, successBps, best);
  return {
    modelId: e.item.id,
    name: e.item.name,
    producerName: e.item.producerName,
    estimatedCost: e.cost,
    qualityBps: e.qualityBps,
    latencyP95Ms: e.latencyP95Ms,
    successRateBps: e.successRateBps,
    parts,
    score: scoreOf(parts, ctx.weights),
    explored,
    sources: { quality: fig.qualitySource, latency: fig.latencySource, reliability: fig.reliabilitySource },
    output: outputEstimateOf(stats?.outputByTask, ctx.task, ctx.outputTokens),
  };
}

/**
 * Thompson sampling over the top candidates, bounded: a sampled winner is taken only if its mean
 * score is within explorationBps of the best mean score, so exploring never wrecks value.
 */
export function explore(ranked: Candidate[], top: Eligible[], best: Best, ctx: RankContext): void {
  const floor = Math.ceil((ranked[0]!.score * (10_000 - ctx.explorationBps)) / 10_000);
  let pick = 0;
  let pickScore = -1;
  for (let i = 0; i < Math.min(EXPLORE_TOP, ranked.length); i++) {
    if (ranked[i]!.score < floor) continue;
    const e = top[i]!;
    const stats = ctx.stats(e.item.id);
    const calls = stats?.calls ?? 0;
    const feedback = (stats?.feedbackUp ?? 0) + (stats?.feedbackDown ?? 0);
    const q = sampleRateBps(e.qualityBps, PRIOR_STRENGTH + feedback, ctx.random);
    const s = sampleRateBps(e.successRateBps, PRIOR_STRENGTH + calls, ctx.random);
    const sampled = scoreOf(partsOf(e.cost, q, e.latencyP95Ms, s, best), ctx.weights);
    if (sampled > pickScore) {
      pick = i;
      pickScore = sampled;
    }
  }
  if (pick > 0) {
    const [chosen] = ranked.splice(pick, 1);
    ranked.unshift({ ...chosen!, explored: true });
  }
}
