import type { CatalogSort } from '../../../src-shared/catalog';

/**
 * What the catalog toolbar shows. Number filters are kept as the text typed, not as numbers: a
 * half-typed "0." must survive a re-render, and the query only takes them once they parse exactly.
 */
export interface CatalogView {
  /** What the search box shows; the catalog query uses a debounced copy. */
  queryText: string;
  task: string | null;
  sort: CatalogSort;
  industry: string | null;
  /** A producer's public key. */
  producer: string | null;
  /** Reference-call cost bounds, in credits as typed. */
  minCost: string;
  maxCost: string;
  /** Minimum accuracy, percent as typed. */
  minAccuracy: string;
  /** Maximum p95 latency, milliseconds as typed. */
  maxLatency: string;
  /** Minimum rating in stars × 100 (from a fixed list), or none. */
  minRatingX100: number | null;
  measuredOnly: boolean;
}

/** The typed (debounced) fields; selects and checkboxes apply at once. */
export const TEXT_FILTERS = ['queryText', 'minCost', 'maxCost', 'minAccuracy', 'maxLatency'] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export const INITIAL_CATALOG_VIEW: CatalogView = {
  queryText: '',
  task: null,
  sort: 'value',
  industry: null,
  producer: null,
  minCost: '',
  maxCost: '',
  minAccuracy: '',
  maxLatency: '',
  minRatingX100: null,
  measuredOnly: false,
};

/** Everything but the sort: what "clear filters" resets. */
export function clearedView(view: CatalogView): CatalogView {
  return { ...INITIAL_CATALOG_VIEW, sort: view.sort };
}

export function hasFilters(view: CatalogView): boolean {
  return JSON.stringify(clearedView(view)) !== JSON.stringify(view);
}
