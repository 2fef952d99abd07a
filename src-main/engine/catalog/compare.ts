import type { CatalogItem, CatalogRow } from '../../../src-shared/catalog';
import { paretoFrontier, valueScore } from '../../../src-shared/market-math';
import { callCost } from '../../../src-shared/money';
import type { CompareOutput } from '../../../src-shared/pricing';
import { accuracyFor, marketOf } from '../pricing/position';

type Row = CompareOutput['rows'][number];
type Cell = { value: number | null; source: string | null };

const DEFAULT_WORKLOAD = { inputTokens: 1_000, outputTokens: 500, requestsPerMonth: 10_000 };
const MAX_SCATTER = 400;

function bestOf(values: Array<number | null>, better: 'higher' | 'lower'): number[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const best = better === 'higher' ? Math.max(...present) : Math.min(...present);
  return values.flatMap((v, i) => (v === best ? [i] : []));
}

function row(key: string, label: string, unit: string, better: 'higher' | 'lower', cells: Cell[]): Row {
  const values = cells.map((c) => c.value);
  return { key, label, unit, better, values, sources: cells.map((c) => c.source), best: bestOf(values, better) };
}

/** The most common task among the compared models: what "accuracy" means for this comparison. */
export function commonTask(models: CatalogItem[]): string {
  const counts = new Map<string, number>();
  for (const m of models) for (const t of m.tasks) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Side-by-side rows with the best value of each marked, workload costs, and the task's market scatter. */
export function compareModels(models: CatalogRow[], all: Iterable<CatalogItem>, task: string, workload = DEFAULT_WORKLOAD): CompareOutput {
  const rows: Row[] = [
    row('referenceCost', 'Reference call (1k in / 500 out)', 'micro-credits', 'lower', models.map((m) => ({ value: m.referenceCost, source: null }))),
    row('inputPer1M', 'Input per 1M tokens', 'micro-credits', 'lower', models.map((m) => ({ value: m.price?.inputPer1M ?? null, source: null }))),
    row('outputPer1M', 'Output per 1M tokens', 'micro-credits', 'lower', models.map((m) => ({ value: m.price?.outputPer1M ?? null, source: null }))),
    row('perRequest', 'Per request', 'micro-credits', 'lower', models.map((m) => ({ value: m.price?.perRequest ?? null, source: null }))),
    row('accuracyBps', `Accuracy · ${task}`, 'bps', 'higher', models.map((m) => ({ value: m.metrics.accuracyBps[task]?.value ?? null, source: m.metrics.accuracyBps[task]?.source ?? null }))),
    row('valueScore', `Value · ${task} (accuracy per credit)`, 'score', 'higher', models.map((m) => ({ value: m.referenceCost === null ? null : valueScore(accuracyFor(m, task), m.referenceCost), source: null }))),
    row('valueRank', `Value rank · ${task}`, 'rank', 'lower', models.map((m) => ({ value: m.figure.valueRank, source: null }))),
    row('latencyP50Ms', 'Latency p50', 'ms', 'lower', models.map((m) => ({ value: m.metrics.latencyP50Ms.value, source: m.metrics.latencyP50Ms.source }))),
    row('latencyP95Ms', 'Latency p95', 'ms', 'lower', models.map((m) => ({ value: m.metrics.latencyP95Ms.value, source: m.metrics.latencyP95Ms.source }))),
    row('successRateBps', 'Success rate', 'bps', 'higher', models.map((m) => ({ value: m.metrics.successRateBps.value, source: m.metrics.successRateBps.source }))),
    row('throughputTps', 'Throughput', 'tokens/s', 'higher', models.map((m) => ({ value: m.metrics.throughputTps.value, source: m.metrics.throughputTps.source }))),
    row('ratingX100', 'Rating', 'stars×100', 'higher', models.map((m) => ({ value: m.metrics.ratingX100.value, source: m.metrics.ratingX100.source }))),
    row('popularity', 'Paying users', 'users', 'higher', models.map((m) => ({ value: m.metrics.popularity.value, source: m.metrics.popularity.source }))),
    row('contextWindow', 'Context window', 'tokens', 'higher', models.map((m) => ({ value: m.contextWindow, source: null }))),
  ];
  const perRequest = models.map((m) => (m.price ? callCost(m.price, workload.inputTokens, workload.outputTokens) : null));
  const perMonth = perRequest.map((c) => (c === null ? null : c * workload.requestsPerMonth));
  const compared = new Set(models.map((m) => m.id));
  const market = marketOf(all, task);
  const frontier = paretoFrontier(market);
  const frontierIds = new Set(frontier.map((p) => p.id));
  const rest = market.filter((p) => !frontierIds.has(p.id) && !compared.has(p.id));
  const step = Math.max(1, Math.ceil(rest.length / MAX_SCATTER));
  const chosen = [...market.filter((p) => frontierIds.has(p.id) || compared.has(p.id)), ...rest.filter((_, i) => i % step === 0)];
  return {
    task,
    models,
    rows,
    workload: { ...workload, perRequest, perMonth, cheapest: bestOf(perRequest, 'lower') },
    scatter: {
      points: chosen.map((p) => ({ id: p.id, name: (p as { name?: string }).name ?? p.id, cost: p.cost, accuracyBps: p.accuracyBps, onFrontier: frontierIds.has(p.id), compared: compared.has(p.id) })),
      frontier: frontier.map((p) => p.id),
    },
  };
}
