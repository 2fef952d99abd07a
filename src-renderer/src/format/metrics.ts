import type { CatalogItem, MetricSource } from '../../../src-shared/catalog';

/** The source of the figure behind bestAccuracyBps: the source of the task metric it came from. */
export function bestAccuracySource(item: CatalogItem): MetricSource | null {
  const metric = Object.values(item.metrics.accuracyBps).find((m) => m.value === item.bestAccuracyBps);
  return metric?.source ?? null;
}

export const REFERENCE_CALL_TOOLTIP = 'cost of a reference call: 1,000 input + 500 output tokens';
