import type { CatalogItem } from '../../../src-shared/catalog';
import { AppError } from '../../../src-shared/errors';
import { callCostOf } from '../../../src-shared/money';
import { CONSTRAINT_NAMES, DEFAULT_OUTPUT_TOKENS, type Candidate, type ConstraintName, type Constraints, type Strategy, type Weights } from '../../../src-shared/routing';
import { effectiveNumbers, type EffectiveNumbers, type ModelStats } from './estimates';
import { learnedOutputTokens } from './output-lengths';
import { EXPLORE_TOP, explore, scoreFor, toCandidate, type Best, type Eligible } from './score';
import { MEASURED, PRICED, RETIRED, TaskTable } from './task-table';

export interface PlanContext {
  task: string;
  /** Every model listing the task (the planner checks the rest). */
  items: Iterable<CatalogItem>;
  constraints: Constraints;
  strategy: Strategy;
  weights: Weights;
  inputTokens: number;
  /** The caller's expected output tokens; null = each model's learned output length for the task, else the default. */
  outputTokens: number | null;
  stats(modelId: string): ModelStats | undefined;
  inCooldown(item: CatalogItem): boolean;
  /** Micro-credits left in the tightest budget; null = no budget. */
  remainingBudget: number | null;
  /** The payer's balance; null = not checked (planning only). */
  balance: number | null;
  explorationBps: number;
  random: () => number;
}

export interface PlanResult {
  /** The best `keep` candidates, best first. */
  ranked: Candidate[];
  considered: number;
  eligible: number;
  excluded: Partial<Record<ConstraintName, number>>;
  excludedModels: Array<{ modelId: string; constraint: ConstraintName }>;
}

const DEFAULT_KEEP = 25;

/**
 * Hard constraints first, then a value score over cost, quality, latency and reliability (docs/routing.md).
 * Returns the best candidates ranked (best first) and why the others were excluded. The router hands
 * in its kept-current table of the task's models; without one, the items are put in a table here.
 */
export function plan(ctx: PlanContext & { keep?: number; explain?: boolean; table?: TaskTable }): PlanResult {
  const table = ctx.table ?? new TaskTable(Array.from(ctx.items), ctx.task).current(ctx.stats, 0);
  const counts = new Int32Array(CONSTRAINT_NAMES.length);
  // Counted in the order first met, as the explanation lists them.
  const met: number[] = [];
  const excludedModels: PlanResult['excludedModels'] = [];
  const explain = ctx.explain !== false;
  const rules = rulesOf(ctx);
  const best: Best = { cost: Infinity, quality: 0, latency: Infinity };
  const fig: Figures = { qualityBps: 0, successRateBps: 0, latencyP95Ms: 0, measured: false, cost: 0 };
  let eligible = 0;
  for (let row = 0; row < table.size; row++) {
    const why = exclusion(table, row, ctx, rules, fig);
    if (why >= 0) {
      if (counts[why] === 0) met.push(why);
      counts[why] = counts[why]! + 1;
      if (explain) excludedModels.push({ modelId: table.items[row]!.id, constraint: CONSTRAINT_NAMES[why]! });
      continue;
    }
    const slot = eligible++;
    table.eligibleRows[slot] = row;
    table.cost[slot] = fig.cost;
    table.quality[slot] = fig.qualityBps;
    table.success[slot] = fig.successRateBps;
    table.latency[slot] = fig.latencyP95Ms;
    if (fig.cost < best.cost) best.cost = fig.cost;
    if (fig.qualityBps > best.quality) best.quality = fig.qualityBps;
    if (fig.latencyP95Ms < best.latency) best.latency = fig.latencyP95Ms;
  }
  const excluded: Partial<Record<ConstraintName, number>> = {};
  for (const why of met) excluded[CONSTRAINT_NAMES[why]!] = counts[why]!;
  if (eligible === 0) {
    const emptiedBy = table.size === 0 ? 'task' : lastConstraintOf(excluded);
    throw new AppError('NO_ROUTE', `No model meets the constraints: "${emptiedBy}" excluded the last candidates`, { constraint: emptiedBy, excluded, considered: table.size });
  }
  // Only best-value orders by score; the candidates shown get theirs from their parts.
  if (ctx.strategy === 'best-value') {
    for (let s = 0; s < eligible; s++) table.score[s] = scoreFor(table.cost[s]!, table.quality[s]!, table.latency[s]!, table.success[s]!, best, ctx.weights);
  }
  const top = topSlots(table, eligible, Math.max(ctx.keep ?? DEFAULT_KEEP, EXPLORE_TOP), ctx.strategy).map((s) => eligibleAt(table, s));
  const ranked = top.map((e) => toCandidate(e, ctx, best));
  if (ctx.strategy === 'best-value' && ctx.explorationBps > 0 && ranked.length > 1) explore(ranked, top, best, ctx);
  return { ranked, considered: table.size, eligible, excluded, excludedModels };
}

interface Figures extends EffectiveNumbers {
  cost: number;
}

/** The constraints that name models or producers, as sets (checked only when any is set). */
interface Rules {
  byName: boolean;
  allowModels: ReadonlySet<string> | null;
  denyModels: ReadonlySet<string> | null;
  allowProducers: ReadonlySet<string> | null;
  denyProducers: ReadonlySet<string> | null;
}

function rulesOf(ctx: PlanContext): Rules {
  const c = ctx.constraints;
  const set = (list: readonly string[] | undefined) => (list ? new Set(list) : null);
  return {
    byName: c.pinnedModel !== undefined || c.allowModels !== undefined || c.denyModels !== undefined || c.allowProducers !== undefined || c.denyProducers !== undefined,
    allowModels: set(c.allowModels),
    denyModels: set(c.denyModels),
    allowProducers: set(c.allowProducers),
    denyProducers: set(c.denyProducers),
  };
}

/** Each constraint's index in CONSTRAINT_NAMES (the documented order). */
const CONSTRAINT = Object.fromEntries(CONSTRAINT_NAMES.map((name, i) => [name, i])) as Record<ConstraintName, number>;

/**
 * The first hard constraint a row breaks, in the documented order (its index in CONSTRAINT_NAMES),
 * or -1 with the row's figures and cost in `fig`. Cost and figures are worked out only once a
 * check needs them: a row excluded early never costs the rest.
 */
function exclusion(t: TaskTable, row: number, ctx: PlanContext, rules: Rules, fig: Figures): number {
  const c = ctx.constraints;
  const flags = t.flags[row]!;
  if (flags & RETIRED) return CONSTRAINT.retired;
  if (!(flags & PRICED)) return CONSTRAINT.unpriced;
  if (rules.byName) {
    const item = t.items[row]!;
    if (c.pinnedModel !== undefined && item.id !== c.pinnedModel) return CONSTRAINT.pinnedModel;
    if (rules.allowModels && !rules.allowModels.has(item.id)) return CONSTRAINT.allowModels;
    if (rules.denyModels?.has(item.id)) return CONSTRAINT.denyModels;
    if (rules.allowProducers && !rules.allowProducers.has(item.producerKey)) return CONSTRAINT.allowProducers;
    if (rules.denyProducers?.has(item.producerKey)) return CONSTRAINT.denyProducers;
  }
  if (c.maxInputPer1M !== undefined && t.inputPer1M[row]! > c.maxInputPer1M) return CONSTRAINT.maxInputPer1M;
  if (c.maxOutputPer1M !== undefined && t.outputPer1M[row]! > c.maxOutputPer1M) return CONSTRAINT.maxOutputPer1M;
  const stats = t.stats[row];
  let cost = -1;
  if (c.maxCostPerCall !== undefined) {
    cost = costAt(t, row, ctx, stats);
    if (cost > c.maxCostPerCall) return CONSTRAINT.maxCostPerCall;
  }
  if (stats === undefined) {
    fig.qualityBps = t.qualityBps[row]!;
    fig.successRateBps = t.successRateBps[row]!;
    fig.latencyP95Ms = t.latencyP95Ms[row]!;
    fig.measured = (flags & MEASURED) !== 0;
  } else effectiveNumbers(t.items[row]!, ctx.task, stats, fig);
  if (c.minAccuracyBps !== undefined && fig.qualityBps < c.minAccuracyBps) return CONSTRAINT.minAccuracyBps;
  if (c.maxLatencyP95Ms !== undefined && fig.latencyP95Ms > c.maxLatencyP95Ms) return CONSTRAINT.maxLatencyP95Ms;
  if (c.measuredOnly && !fig.measured) return CONSTRAINT.measuredOnly;
  if (ctx.inCooldown(t.items[row]!)) return CONSTRAINT.cooldown;
  if (cost < 0) cost = costAt(t, row, ctx, stats);
  if (ctx.remainingBudget !== null && cost > ctx.remainingBudget) return CONSTRAINT.budget;
  if (ctx.balance !== null && cost > ctx.balance) return CONSTRAINT.balance;
  fig.cost = cost;
  return -1;
}

/** The row's cost with its own output figure (outputEstimateOf's, without building the estimate). */
function costAt(t: TaskTable, row: number, ctx: PlanContext, stats: ModelStats | undefined): number {
  const outputTokens = ctx.outputTokens ?? (stats?.outputByTask && learnedOutputTokens(stats.outputByTask, ctx.task)) ?? DEFAULT_OUTPUT_TOKENS;
  return callCostOf(t.inputPer1M[row]!, t.outputPer1M[row]!, t.perRequest[row]!, ctx.inputTokens, outputTokens);
}

function eligibleAt(t: TaskTable, slot: number): Eligible {
  const item = t.items[t.eligibleRows[slot]!]!;
  return { item, cost: t.cost[slot]!, qualityBps: t.quality[slot]!, successRateBps: t.success[slot]!, latencyP95Ms: t.latency[slot]!, score: t.score[slot]! };
}

type SlotOrder = (a: number, b: number) => number;

/** The strategies' orders (ties broken by cost, then by model id) over eligible slots. */
function slotOrder(t: TaskTable, strategy: Strategy): SlotOrder {
  const { cost, quality, latency, score } = t;
  const id = (slot: number) => t.items[t.eligibleRows[slot]!]!.id;
  const byId = (a: number, b: number) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  switch (strategy) {
    case 'best-value':
      return (a, b) => score[b]! - score[a]! || cost[a]! - cost[b]! || byId(a, b);
    case 'cheapest':
      return (a, b) => cost[a]! - cost[b]! || quality[b]! - quality[a]! || byId(a, b);
    case 'fastest':
      return (a, b) => latency[a]! - latency[b]! || cost[a]! - cost[b]! || byId(a, b);
    case 'best-quality':
      return (a, b) => quality[b]! - quality[a]! || cost[a]! - cost[b]! || byId(a, b);
  }
}

/** The best `keep` slots in order, without sorting them all (a decision ranks thousands, shows a few). */
function topSlots(t: TaskTable, eligible: number, keep: number, strategy: Strategy): number[] {
  const order = slotOrder(t, strategy);
  const top: number[] = [];
  for (let slot = 0; slot < eligible; slot++) {
    if (top.length === keep && order(slot, top[keep - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(slot, top[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, slot);
    if (top.length > keep) top.pop();
  }
  return top;
}

function lastConstraintOf(excluded: Partial<Record<ConstraintName, number>>): ConstraintName {
  let last: ConstraintName = 'task';
  for (const name of CONSTRAINT_NAMES) if ((excluded[name] ?? 0) > 0) last = name;
  return last;
}
