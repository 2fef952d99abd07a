/** Pure market arithmetic shared by the engine (pricing.position, catalog.compare) and its tests. */

export interface MarketPoint {
  id: string;
  /** Reference-call cost in micro-credits. */
  cost: number;
  /** Accuracy for the task, basis points. */
  accuracyBps: number;
}

/** b dominates a: no more expensive, no less accurate, and strictly better in one of the two. */
export function dominates(b: MarketPoint, a: MarketPoint): boolean {
  return b.cost <= a.cost && b.accuracyBps >= a.accuracyBps && (b.cost < a.cost || b.accuracyBps > a.accuracyBps);
}

/** The price-vs-accuracy Pareto frontier, cheapest first. O(n log n). */
export function paretoFrontier(points: readonly MarketPoint[]): MarketPoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.accuracyBps - a.accuracyBps || (a.id < b.id ? -1 : 1));
  const frontier: MarketPoint[] = [];
  let bestAccuracy = -1;
  let lastCost = -1;
  for (const p of sorted) {
    if (p.accuracyBps > bestAccuracy) {
      frontier.push(p);
      bestAccuracy = p.accuracyBps;
      lastCost = p.cost;
    } else if (p.accuracyBps === bestAccuracy && p.cost === lastCost) {
      frontier.push(p); // an exact tie with a frontier point is not dominated either
    }
  }
  return frontier;
}

/**
 * The highest reference cost at which a model of this accuracy stays on the frontier, given the
 * others: below every model at least as accurate (ties at equal accuracy may match the price).
 * null = no other model is as accurate, so any price keeps it on the frontier.
 */
export function maxFrontierCost(accuracyBps: number, others: readonly MarketPoint[]): number | null {
  let bound: number | null = null;
  for (const o of others) {
    if (o.accuracyBps < accuracyBps) continue;
    const limit = o.accuracyBps > accuracyBps ? o.cost - 1 : o.cost;
    if (bound === null || limit < bound) bound = limit;
  }
  return bound === null ? null : Math.max(-1, bound);
}

/** Quartiles by the nearest-rank method: integers in, integers out, no interpolation. */
export function quartiles(values: readonly number[]): { min: number; q1: number; median: number; q3: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { min: sorted[0]!, q1: rank(0.25), median: rank(0.5), q3: rank(0.75), max: sorted[sorted.length - 1]! };
}

/** Quality per credit (the catalog's value score): accuracy bps × 1e6 / (reference cost + 1). */
export function valueScore(accuracyBps: number, referenceCost: number): number {
  return Math.floor((accuracyBps * 1_000_000) / (referenceCost + 1));
}

/** Cost of a workload in micro-credits, exact: per request, and per month. */
export function workloadCost(perRequestCost: number, requestsPerMonth: number): number {
  return perRequestCost * requestsPerMonth;
}
