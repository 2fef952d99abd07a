import type { CatalogItem } from '../../../src-shared/catalog';
import { AppError } from '../../../src-shared/errors';
import { callCost } from '../../../src-shared/money';
import { CONSTRAINT_NAMES, type Candidate, type ConstraintName, type Constraints, type Strategy, type Weights } from '../../../src-shared/routing';
import { PRIOR_STRENGTH, effectiveFigures, effectiveNumbers, type EffectiveNumbers, type ModelStats } from './estimates';
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
  qualityBps: number;
  successRateBps: number;
  latencyP95Ms: number;
  /** The strategy's sort key, computed once per decision. */
  score: number;
}

export interface PlanResult {
  /** The best `keep` candidates, best first. */
  ranked: Candidate[];
  considered: number;
  eligible: number;
  excluded: Partial<Record<ConstraintName, number>>;
  excludedModels: Array<{ modelId: string; constraint: ConstraintName }>;
}

const EXPLORE_TOP = 20;
const DEFAULT_KEEP = 25;

/** The first hard constraint a model breaks, in the documented order, or null. */
function violation(c: Constraints, ctx: PlanContext, item: CatalogItem, cost: number, fig: EffectiveNumbers): ConstraintName | null {
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
  if (c.measuredOnly && !fig.measured) return 'measuredOnly';
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

interface Best {
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
function scoreFor(cost: number, qualityBps: number, latencyP95Ms: number, successBps: number, best: Best, w: Weights): number {
  const total = w.quality + w.price + w.latency + w.reliability || 1;
  const sum =
    perMille(qualityBps, best.quality) * w.quality + closeness(cost, best.cost) * w.price + closeness(latencyP95Ms, best.latency) * w.latency + Math.round(successBps / 10) * w.reliability;
  return Math.round(sum / total);
}

function scoreOf(parts: Candidate['parts'], w: Weights): number {
  const total = w.quality + w.price + w.latency + w.reliability || 1;
  return Math.round((parts.quality * w.quality + parts.price * w.price + parts.latency * w.latency + parts.reliability * w.reliability) / total);
}

function toCandidate(e: Eligible, ctx: PlanContext, best: Best, qualityBps = e.qualityBps, successBps = e.successRateBps, explored = false): Candidate {
  const fig = effectiveFigures(e.item, ctx.task, ctx.stats(e.item.id));
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
  };
}

type Order = (a: Eligible, b: Eligible) => number;
const byId = (a: Eligible, b: Eligible) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0);
const ORDER: Record<Strategy, Order> = {
  'best-value': (a, b) => b.score - a.score || a.cost - b.cost || byId(a, b),
  cheapest: (a, b) => a.cost - b.cost || b.qualityBps - a.qualityBps || byId(a, b),
  fastest: (a, b) => a.latencyP95Ms - b.latencyP95Ms || a.cost - b.cost || byId(a, b),
  'best-quality': (a, b) => b.qualityBps - a.qualityBps || a.cost - b.cost || byId(a, b),
};

/** The best `keep` rows in order, without sorting them all (a decision ranks thousands, shows a few). */
function topK(rows: Eligible[], keep: number, order: Order): Eligible[] {
  const top: Eligible[] = [];
  for (const row of rows) {
    if (top.length === keep && order(row, top[keep - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(row, top[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, row);
    if (top.length > keep) top.pop();
  }
  return top;
}

/**
 * Hard constraints first, then a value score over cost, quality, latency and reliability (docs/routing.md).
 * Returns the best candidates ranked (best first) and why the others were excluded.
 */
export function plan(ctx: PlanContext & { keep?: number; explain?: boolean }): PlanResult {
  const excluded: Partial<Record<ConstraintName, number>> = {};
  const excludedModels: PlanResult['excludedModels'] = [];
  const eligible: Eligible[] = [];
  let considered = 0;
  const best: Best = { cost: Infinity, quality: 0, latency: Infinity };
  // One scratch object for the whole loop: a decision looks at thousands of models.
  const fig: EffectiveNumbers = { qualityBps: 0, successRateBps: 0, latencyP95Ms: 0, measured: false };
  for (const item of ctx.items) {
    considered++;
    const cost = item.price ? callCost(item.price, ctx.inputTokens, ctx.outputTokens) : 0;
    effectiveNumbers(item, ctx.task, ctx.stats(item.id), fig);
    const reason = violation(ctx.constraints, ctx, item, cost, fig);
    if (reason) {
      excluded[reason] = (excluded[reason] ?? 0) + 1;
      if (ctx.explain !== false) excludedModels.push({ modelId: item.id, constraint: reason });
      continue;
    }
    eligible.push({ item, cost, qualityBps: fig.qualityBps, successRateBps: fig.successRateBps, latencyP95Ms: fig.latencyP95Ms, score: 0 });
    if (cost < best.cost) best.cost = cost;
    if (fig.qualityBps > best.quality) best.quality = fig.qualityBps;
    if (fig.latencyP95Ms < best.latency) best.latency = fig.latencyP95Ms;
  }
  if (eligible.length === 0) {
    const emptiedBy = considered === 0 ? 'task' : lastConstraintOf(excluded);
    throw new AppError('NO_ROUTE', `No model meets the constraints: "${emptiedBy}" excluded the last candidates`, { constraint: emptiedBy, excluded, considered });
  }
  for (const e of eligible) e.score = scoreFor(e.cost, e.qualityBps, e.latencyP95Ms, e.successRateBps, best, ctx.weights);
  const top = topK(eligible, Math.max(ctx.keep ?? DEFAULT_KEEP, EXPLORE_TOP), ORDER[ctx.strategy]);
  const ranked = top.map((e) => toCandidate(e, ctx, best));
  if (ctx.strategy === 'best-value' && ctx.explorationBps > 0 && ranked.length > 1) explore(ranked, top, best, ctx);
  return { ranked, considered, eligible: eligible.length, excluded, excludedModels };
}

/**
 * Thompson sampling over the top candidates, bounded: a sampled winner is taken only if its mean
 * score is within explorationBps of the best mean score, so exploring never wrecks value.
 */
function explore(ranked: Candidate[], top: Eligible[], best: Best, ctx: PlanContext): void {
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

function lastConstraintOf(excluded: Partial<Record<ConstraintName, number>>): ConstraintName {
  let last: ConstraintName = 'task';
  for (const name of CONSTRAINT_NAMES) if ((excluded[name] ?? 0) > 0) last = name;
  return last;
}
