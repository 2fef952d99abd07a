import type { CatalogRow } from '../../src-shared/catalog';
import type { CommandOutput } from '../../src-shared/contract';
import { callCost, referenceCallCost, type Price } from '../../src-shared/money';
import type { CompareOutput, PriceChange, Position } from '../../src-shared/pricing';

const HASH = (n: number) => n.toString(16).padStart(64, '0');

/** A signed price change as pricing.history answers it. */
export function makePriceChange(modelId: string, seq: number, price: Price, effectiveFrom: number, current: boolean): PriceChange {
  return { modelId, seq, ts: effectiveFrom, effectiveFrom, price, referenceCost: referenceCallCost(price), hash: HASH(seq), current };
}

/** A pricing.position answer for a model, with or without a candidate. */
export function makePosition(item: CatalogRow, candidate?: Price, overrides: Partial<Position> = {}): Position {
  const others = [
    { id: 'other:a', name: 'Cheap Rival', cost: 500, accuracyBps: 7_000 },
    { id: 'other:b', name: 'Strong Rival', cost: 9_000, accuracyBps: 9_500 },
  ];
  const candidateCost = candidate ? referenceCallCost(candidate) : null;
  return {
    modelId: item.id,
    task: item.tasks[0]!,
    price: item.price,
    referenceCost: item.referenceCost,
    accuracyBps: 9_150,
    valueScore: 1_000,
    valueRank: 2,
    competitors: 2,
    quartiles: { min: 500, q1: 500, median: 7_500, q3: 9_000, max: 9_000 },
    frontier: others,
    dominated: false,
    dominatedBy: [],
    maxFrontierCost: 8_999,
    candidate:
      candidate && candidateCost !== null
        ? { price: candidate, referenceCost: candidateCost, valueScore: 2_000, valueRank: 1, dominated: false, dominatedBy: [], quartile: 'below q1' }
        : null,
    points: others.map((p) => ({ ...p, onFrontier: true })),
    ...overrides,
  };
}

/**
 * A catalog.compare answer for the models, computed like the engine (same integer cost formula),
 * with two rows whose best cells the test names explicitly.
 */
export function makeCompareOutput(models: CatalogRow[], workload = { inputTokens: 1_000, outputTokens: 500, requestsPerMonth: 10_000 }): CompareOutput {
  const perRequest = models.map((m) => (m.price ? callCost(m.price, workload.inputTokens, workload.outputTokens) : null));
  const present = perRequest.filter((c): c is number => c !== null);
  const cheapest = perRequest.flatMap((c, i) => (c !== null && c === Math.min(...present) ? [i] : []));
  const costs = models.map((m) => m.referenceCost);
  const accuracy = models.map((m) => m.metrics.accuracyBps.code?.value ?? null);
  return {
    task: 'code',
    models,
    rows: [
      { key: 'referenceCost', label: 'Reference call (1k in / 500 out)', unit: 'micro-credits', better: 'lower', values: costs, sources: costs.map(() => null), best: [costs.indexOf(Math.min(...(costs as number[])))] },
      { key: 'accuracyBps', label: 'Accuracy (code)', unit: 'bps', better: 'higher', values: accuracy, sources: models.map((m) => m.metrics.accuracyBps.code?.source ?? null), best: [accuracy.indexOf(Math.max(...(accuracy as number[])))] },
      { key: 'ratingX100', label: 'Rating', unit: 'stars×100', better: 'higher', values: models.map(() => null), sources: models.map(() => 'reviews'), best: [] },
    ],
    workload: { ...workload, perRequest, perMonth: perRequest.map((c) => (c === null ? null : c * workload.requestsPerMonth)), cheapest },
    scatter: {
      points: [
        ...models.map((m, i) => ({ id: m.id, name: m.name, cost: m.referenceCost ?? 0, accuracyBps: accuracy[i] ?? 0, onFrontier: i === 0, compared: true })),
        { id: 'other:x', name: 'Outsider', cost: 100, accuracyBps: 6_000, onFrontier: true, compared: false },
      ],
      frontier: ['other:x', models[0]!.id],
    },
  };
}

export type LedgerEntries = CommandOutput<'ledger.entries'>;

export function makeCharge(modelId: string, ts: number, cost: number, inputTokens: number, outputTokens: number): LedgerEntries['items'][number] {
  return {
    hash: HASH(ts),
    chain: modelId.slice(0, 43),
    seq: 1,
    ts,
    id: `charge-${ts}`,
    kind: 'charge',
    prev: HASH(0),
    postings: [],
    identity: modelId.slice(0, 43),
    memo: { modelId, inputTokens, outputTokens, usageEstimated: false, latencyMs: 300, cost, fee: 0 },
    amount: null,
    runningBalance: null,
  };
}
