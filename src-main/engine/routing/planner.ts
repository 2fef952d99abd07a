import type { CatalogItem } from '../../../src-shared/catalog';
import { AppError } from '../../../src-shared/errors';
import { callCost } from '../../../src-shared/money';
import { CONSTRAINT_NAMES, type Candidate, type ConstraintName, type Constraints, type Strategy, type Weights } from '../../../src-shared/routing';
import { effectiveFigures, type Effective, type ModelStats } from './estimates';
import { sampleRateBps } from './sampling';

export interface PlanContext {
  task: string;
  /** Every model listing the task (the planner checks the rest). */
  items: Iterable<CatalogItem>;
  constraints: Constraints;
  strategy: Strategy;
  weights: Weights;
  inputTokens: number;
  outputTokens: number;
  stats(modelId: string): ModelStats | undefined;
  inCooldown(item: CatalogItem): boolean;
  /** Micro-credits left in the tightest budget; null = no budget. */
  remainingBudget: number | null;
  /** The payer's balance; null = not checked (planning only). */
  balance: number | null;
  explorationBps: number;
  random: () => number;
}

interface Eligible {
  item: CatalogItem;
  cost: number;
  fig: Effective;
}

export interface PlanResult {
  ranked: Candidate[];
  considered: number;
  excluded: Partial<Record<ConstraintName, number>>;
  excludedModels: Array<{ modelId: string; constraint: ConstraintName }>;
}

const EXPLORE_TOP = 20;
const MEASURED: ReadonlySet<string> = new Set(['measured']);

/** The first hard constraint a model breaks, in the documented order, or null. */
function violation(c: Constraints, ctx: PlanContext, item: CatalogItem, cost: number, fig: Effective): ConstraintName | null {
  if (item.retired) return 'retired';
  if (!item.price) return 'unpriced';
  if (c.pinnedModel !== undefined && item.id !== c.pinnedModel) return 'pinnedModel';
  if (c.allowModels && !c.allowModels.includes(item.id)) return 'allowModels';
  if (c.denyModels?.includes(item.id)) return 'denyModels';
  if (c.allowProducers && !c.allowProducers.includes(item.producerKey)) return 'allowProducers';
  if (c.denyProducers?.includes(item.producerKey)) return 'denyProducers';
  if (c.maxInputPer1M !== undefined && item.price.inputPer1M > c.maxInputPer1M) return 'maxInputPer1M';
  if (c.maxOutputPer1M !== undefined && item.price.outputPer1M > c.maxOutputPer1M) return 'maxOutputPer1M';
  if (c.maxCostPerCall !== undefined && cost > c.maxCostPerCall) return 'maxCostPerCall';
  if (c.minAccuracyBps !== undefined && fig.qualityBps < c.minAccuracyBps) return 'minAccuracyBps';
  if (c.maxLatencyP95Ms !== undefined && fig.latencyP95Ms > c.maxLatencyP95Ms) return 'maxLatencyP95Ms';
  if (c.measuredOnly && !(MEASURED.has(fig.latencySource) && MEASURED.has(fig.reliabilitySource))) return 'measuredOnly';
  if (ctx.inCooldown(item)) return 'cooldown';
  if (ctx.remainingBudget !== null && cost > ctx.remainingBudget) return 'budget';
  if (ctx.balance !== null && cost > ctx.balance) return 'balance';
  return null;
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

function toCandidate(e: Eligible, best: { cost: number; quality: number; latency: number }, w: Weights, qualityBps: number, successBps: number, explored: boolean): Candidate {
  const parts = {
    quality: perMille(qualityBps, best.quality),
    price: closeness(e.cost, best.cost),
    latency: closeness(e.fig.latencyP95Ms, best.latency),
    reliability: Math.round(successBps / 10),
  };
  const total = w.quality + w.price + w.latency + w.reliability || 1;
  const score = Math.round((parts.quality * w.quality + parts.price * w.price + parts.latency * w.latency + parts.reliability * w.reliability) / total);
  return {
    modelId: e.item.id,
    name: e.item.name,
    producerName: e.item.producerName,
    estimatedCost: e.cost,
    qualityBps: e.fig.qualityBps,
    latencyP95Ms: e.fig.latencyP95Ms,
    successRateBps: e.fig.successRateBps,
    parts,
    score,
    explored,
    sources: { quality: e.fig.qualitySource, latency: e.fig.latencySource, reliability: e.fig.reliabilitySource },
  };
}

const ORDER: Record<Strategy, (a: Candidate, b: Candidate) => number> = {
  'best-value': (a, b) => b.score - a.score || a.estimatedCost - b.estimatedCost,
  cheapest: (a, b) => a.estimatedCost - b.estimatedCost || b.qualityBps - a.qualityBps,
  fastest: (a, b) => a.latencyP95Ms - b.latencyP95Ms || a.estimatedCost - b.estimatedCost,
  'best-quality': (a, b) => b.qualityBps - a.qualityBps || a.estimatedCost - b.estimatedCost,
};

/**
 * Hard constraints first, then a value score over cost, quality, latency and reliability (docs/routing.md).
 * Returns every eligible model ranked (best first) and why the others were excluded.
 */
export function plan(ctx: PlanContext): PlanResult {
  const excluded: Partial<Record<ConstraintName, number>> = {};
  const excludedModels: PlanResult['excludedModels'] = [];
  const eligible: Eligible[] = [];
  let considered = 0;
  for (const item of ctx.items) {
    considered++;
    const cost = item.price ? callCost(item.price, ctx.inputTokens, ctx.outputTokens) : 0;
    const fig = effectiveFigures(item, ctx.task, ctx.stats(item.id));
    const reason = violation(ctx.constraints, ctx, item, cost, fig);
    if (reason) {
      excluded[reason] = (excluded[reason] ?? 0) + 1;
      excludedModels.push({ modelId: item.id, constraint: reason });
    } else {
      eligible.push({ item, cost, fig });
    }
  }
  if (eligible.length === 0) {
    const emptiedBy = considered === 0 ? 'task' : lastConstraintOf(excluded);
    throw new AppError('NO_ROUTE', `No model meets the constraints: "${emptiedBy}" excluded the last candidates`, { constraint: emptiedBy, excluded, considered });
  }
  const best = { cost: Infinity, quality: 0, latency: Infinity };
  for (const e of eligible) {
    best.cost = Math.min(best.cost, e.cost);
    best.quality = Math.max(best.quality, e.fig.qualityBps);
    best.latency = Math.min(best.latency, e.fig.latencyP95Ms);
  }
  const ranked = eligible.map((e) => toCandidate(e, best, ctx.weights, e.fig.qualityBps, e.fig.successRateBps, false)).sort(ORDER[ctx.strategy]);
  if (ctx.strategy === 'best-value' && ctx.explorationBps > 0 && ranked.length > 1) explore(ranked, eligible, best, ctx);
  return { ranked, considered, excluded, excludedModels };
}

/**
 * Thompson sampling over the top candidates, bounded: a sampled winner is taken only if its mean
 * score is within explorationBps of the best mean score, so exploring never wrecks value.
 */
function explore(ranked: Candidate[], eligible: Eligible[], best: { cost: number; quality: number; latency: number }, ctx: PlanContext): void {
  const byId = new Map(eligible.map((e) => [e.item.id, e]));
  const floor = Math.ceil((ranked[0]!.score * (10_000 - ctx.explorationBps)) / 10_000);
  let pick = 0;
  let pickScore = -1;
  for (let i = 0; i < Math.min(EXPLORE_TOP, ranked.length); i++) {
    const c = ranked[i]!;
    if (c.score < floor) continue;
    const e = byId.get(c.modelId)!;
    const q = sampleRateBps(e.fig.qualityBps, e.fig.qualityStrength, ctx.random);
    const s = sampleRateBps(e.fig.successRateBps, e.fig.successStrength, ctx.random);
    const sampled = toCandidate(e, best, ctx.weights, q, s, true).score;
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

function lastConstraintOf(excluded: Partial<Record<ConstraintName, number>>): ConstraintName {
  let last: ConstraintName = 'task';
  for (const name of CONSTRAINT_NAMES) if ((excluded[name] ?? 0) > 0) last = name;
  return last;
}
