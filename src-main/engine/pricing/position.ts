import type { CatalogItem } from '../../../src-shared/catalog';
import { dominates, maxFrontierCost, paretoFrontier, quartiles, valueScore, type MarketPoint } from '../../../src-shared/market-math';
import { referenceCallCost, type Price } from '../../../src-shared/money';
import type { Position } from '../../../src-shared/pricing';
import { AppError } from '../../../src-shared/errors';

const MAX_POINTS = 300;
const MAX_DOMINATORS = 5;

type NamedPoint = MarketPoint & { name: string };

export function accuracyFor(item: CatalogItem, task: string): number {
  return item.metrics.accuracyBps[task]?.value ?? 0;
}

/** The task's market: active, priced models that list the task, as cost/accuracy points. */
export function marketOf(items: Iterable<CatalogItem>, task: string, exclude?: string): NamedPoint[] {
  const points: NamedPoint[] = [];
  for (const item of items) {
    if (item.retired || item.referenceCost === null || item.id === exclude || !item.tasks.includes(task)) continue;
    points.push({ id: item.id, name: item.name, cost: item.referenceCost, accuracyBps: accuracyFor(item, task) });
  }
  return points;
}

function rankByValue(score: number, others: NamedPoint[]): number {
  let better = 0;
  for (const o of others) if (valueScore(o.accuracyBps, o.cost) > score) better++;
  return better + 1;
}

function dominatorsOf(point: MarketPoint, others: NamedPoint[]): NamedPoint[] {
  return others
    .filter((o) => dominates(o, point))
    .sort((a, b) => b.accuracyBps - a.accuracyBps || a.cost - b.cost)
    .slice(0, MAX_DOMINATORS);
}

function quartileOf(cost: number, q: NonNullable<Position['quartiles']>): NonNullable<Position['candidate']>['quartile'] {
  if (cost < q.q1) return 'below q1';
  if (cost < q.median) return 'q1-median';
  if (cost <= q.q3) return 'median-q3';
  return 'above q3';
}

/**
 * Where a model stands in its task's market, and where a candidate price would put it: what a
 * producer sees before repricing, so prices stay competitive by design.
 */
export function computePosition(item: CatalogItem, all: Iterable<CatalogItem>, task: string, candidate?: Price): Position {
  if (!item.tasks.includes(task)) throw new AppError('INVALID_INPUT', `${item.name} does not list the task "${task}"`, { issues: [{ path: 'task', message: `not one of ${item.tasks.join(', ')}` }] });
  const accuracyBps = accuracyFor(item, task);
  const others = marketOf(all, task, item.id);
  const self: NamedPoint | null = item.referenceCost === null || item.retired ? null : { id: item.id, name: item.name, cost: item.referenceCost, accuracyBps };
  const market = self ? [...others, self] : others;
  const frontier = paretoFrontier(market) as NamedPoint[];
  const frontierIds = new Set(frontier.map((p) => p.id));
  const q = quartiles(market.map((p) => p.cost));
  const dominatedBy = self ? dominatorsOf(self, others) : [];
  let candidateView: Position['candidate'] = null;
  if (candidate) {
    const cost = referenceCallCost(candidate);
    const point = { id: item.id, cost, accuracyBps };
    const score = valueScore(accuracyBps, cost);
    const by = dominatorsOf(point, others);
    candidateView = { price: candidate, referenceCost: cost, valueScore: score, valueRank: rankByValue(score, others), dominated: by.length > 0, dominatedBy: by, quartile: q ? quartileOf(cost, q) : null };
  }
  const sample = others.filter((p) => !frontierIds.has(p.id));
  const step = Math.max(1, Math.ceil(sample.length / Math.max(1, MAX_POINTS - frontier.length)));
  const points = [...frontier.filter((p) => p.id !== item.id), ...sample.filter((_, i) => i % step === 0)]
    .slice(0, MAX_POINTS)
    .map((p) => ({ id: p.id, name: p.name, cost: p.cost, accuracyBps: p.accuracyBps, onFrontier: frontierIds.has(p.id) }));
  const strip = (p: NamedPoint) => ({ id: p.id, name: p.name, cost: p.cost, accuracyBps: p.accuracyBps });
  return {
    modelId: item.id,
    task,
    price: item.price,
    referenceCost: item.referenceCost,
    accuracyBps,
    valueScore: self ? valueScore(accuracyBps, self.cost) : 0,
    valueRank: self ? rankByValue(valueScore(accuracyBps, self.cost), others) : null,
    competitors: others.length,
    quartiles: q,
    frontier: frontier.map(strip),
    dominated: dominatedBy.length > 0,
    dominatedBy: dominatedBy.map(strip),
    maxFrontierCost: maxFrontierCost(accuracyBps, others),
    candidate: candidateView,
    points,
  };
}
