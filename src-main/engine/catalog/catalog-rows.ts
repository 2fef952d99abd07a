import type { CatalogItem } from '../../../src-shared/catalog';
import { UNPRICED_COST, type ModelRow } from '../store/query-store';

/** The RxDB projection of a catalog item: flattened, integer-only indexed fields. */
export function toModelRow(item: CatalogItem): ModelRow {
  const m = item.metrics;
  return {
    id: item.id,
    producerKey: item.producerKey,
    nameKey: item.name.toLowerCase().slice(0, 120),
    searchText: [item.name, item.description, item.producerName, ...item.tasks, ...item.industries].join('\n').toLowerCase(),
    tasks: item.tasks,
    industries: item.industries,
    refCost: Math.min(item.referenceCost ?? UNPRICED_COST, UNPRICED_COST),
    bestAccuracyBps: item.bestAccuracyBps,
    latencyP95Ms: m.latencyP95Ms.value,
    ratingX100: m.ratingX100.value ?? 0,
    popularity: m.popularity.value,
    valueScore: item.valueScore,
    retired: item.retired ? 1 : 0,
    measured: [m.latencyP95Ms, m.successRateBps, ...Object.values(m.accuracyBps)].some((x) => x.source !== 'claimed') ? 1 : 0,
    updatedAt: item.updatedAt,
    item,
  };
}
