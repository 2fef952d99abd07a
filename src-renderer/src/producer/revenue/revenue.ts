import type { CommandOutput } from '../../../../src-shared/contract';
import { dayIndexer } from '../../charts/days';
import type { BarSeries } from '../../charts/DailyBarChart';

type Entry = CommandOutput<'ledger.entries'>['items'][number];

/** One model's earnings over the period, in integer micro-credits. */
export interface ModelRevenue {
  /** null: refunds that name no model. */
  modelId: string | null;
  calls: number;
  /** What users paid for the calls. */
  gross: number;
  /** The marketplace fee taken out of that (goes to the rewards pool). */
  fees: number;
  /** What the producer gave back. */
  refunds: number;
  /** What reached the producer account: gross − fees − refunds. */
  earned: number;
  perDay: number[];
}

export interface Revenue {
  rows: ModelRevenue[];
  totals: Omit<ModelRevenue, 'modelId' | 'perDay'>;
}

/**
 * Entries of producer:<me> grouped by memo.modelId and day. A charge credits the producer
 * cost − fee; a refund debits it. The posting itself (entry.amount) is what counts as earned, so
 * the table adds up to what ledger.balance says moved.
 */
export function revenueByModel(entries: readonly Entry[], days: readonly number[]): Revenue {
  const dayOf = dayIndexer(days);
  const byModel = new Map<string | null, ModelRevenue>();
  const totals = { calls: 0, gross: 0, fees: 0, refunds: 0, earned: 0 };
  for (const entry of entries) {
    if (entry.amount === null) continue;
    const modelId = entry.memo?.modelId ?? null;
    let row = byModel.get(modelId);
    if (!row) byModel.set(modelId, (row = { modelId, calls: 0, gross: 0, fees: 0, refunds: 0, earned: 0, perDay: days.map(() => 0) }));
    if (entry.kind === 'charge' && entry.memo) {
      row.calls += 1;
      row.gross += entry.memo.cost;
      row.fees += entry.memo.fee;
    } else if (entry.kind === 'refund') {
      row.refunds -= entry.amount;
    }
    row.earned += entry.amount;
    const i = dayOf(entry.ts);
    if (i >= 0) row.perDay[i]! += entry.amount;
  }
  const rows = [...byModel.values()].sort((a, b) => b.earned - a.earned || String(a.modelId).localeCompare(String(b.modelId)));
  for (const row of rows) {
    totals.calls += row.calls;
    totals.gross += row.gross;
    totals.fees += row.fees;
    totals.refunds += row.refunds;
    totals.earned += row.earned;
  }
  return { rows, totals };
}

/** The five biggest earners get their own colour; the rest are stacked together as "others". */
export const CHART_MODELS = 5;

export function revenueSeries(rows: readonly ModelRevenue[], nameOf: (modelId: string | null) => string): BarSeries[] {
  const top = rows.slice(0, CHART_MODELS).map((row) => ({ key: row.modelId ?? '-', label: nameOf(row.modelId), values: row.perDay }));
  const rest = rows.slice(CHART_MODELS);
  if (rest.length === 0) return top;
  const values = rest[0]!.perDay.map((_, i) => rest.reduce((sum, row) => sum + row.perDay[i]!, 0));
  return [...top, { key: 'others', label: `${rest.length} other models`, values }];
}
