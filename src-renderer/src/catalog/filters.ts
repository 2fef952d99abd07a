import type { CatalogFilters } from '../../../src-shared/catalog';
import { MAX_PRICE_MICRO } from '../../../src-shared/money';
import { parseCredits, parsePercentBps, parseWhole } from '../format/parse-input';
import type { CatalogView, TextFilter } from '../state/catalog-view';
import type { CatalogQuery } from './useCatalogPages';

export type FilterProblems = Partial<Record<TextFilter, string>>;

/** The reference call costs at most 1,500 tokens at MAX_PRICE_MICRO per 1M plus a request fee. */
const MAX_REFERENCE_COST = MAX_PRICE_MICRO * 2;

/**
 * The toolbar's state → the catalog.list input. A number that does not parse exactly is left out
 * of the query and reported, so a half-typed value never narrows the list to something unexpected.
 */
export function buildCatalogQuery(view: CatalogView): { query: CatalogQuery; problems: FilterProblems } {
  const problems: FilterProblems = {};
  const filters: CatalogFilters = {};
  if (view.task) filters.task = view.task;
  if (view.industry) filters.industry = view.industry;
  if (view.producer) filters.producer = view.producer;

  const minCost = view.minCost.trim() === '' ? null : parseCredits(view.minCost, { label: 'Min price', max: MAX_REFERENCE_COST });
  const maxCost = view.maxCost.trim() === '' ? null : parseCredits(view.maxCost, { label: 'Max price', max: MAX_REFERENCE_COST });
  if (minCost && !minCost.ok) problems.minCost = minCost.message;
  if (maxCost && !maxCost.ok) problems.maxCost = maxCost.message;
  if (minCost?.ok && maxCost?.ok && maxCost.value < minCost.value) {
    problems.maxCost = 'Max price is below min price.';
  } else {
    if (minCost?.ok) filters.minCost = minCost.value;
    if (maxCost?.ok) filters.maxCost = maxCost.value;
  }

  if (view.minAccuracy.trim() !== '') {
    const accuracy = parsePercentBps(view.minAccuracy, 'Min accuracy');
    if (accuracy.ok) filters.minAccuracyBps = accuracy.value;
    else problems.minAccuracy = accuracy.message;
  }
  if (view.maxLatency.trim() !== '') {
    const latency = parseWhole(view.maxLatency, { label: 'Max p95 latency', max: 600_000 });
    if (latency.ok) filters.maxLatencyP95Ms = latency.value;
    else problems.maxLatency = latency.message;
  }
  if (view.minRatingX100 !== null) filters.minRatingX100 = view.minRatingX100;
  if (view.measuredOnly) filters.measuredOnly = true;

  const text = view.queryText.trim();
  const query: CatalogQuery = {
    ...(text ? { query: text } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    sort: view.sort,
  };
  return { query, problems };
}
