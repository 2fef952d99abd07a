import { useMemo } from 'react';
import { CompareTray } from '../compare/CompareTray';
import { formatPlural } from '../format/numbers';
import { UserModelDetail } from '../model/UserModelDetail';
import { EmptyState } from '../shell/StatusViews';
import { hasFilters, TEXT_FILTERS, type CatalogView } from '../state/catalog-view';
import { useUiStore } from '../state/ui-store';
import { CatalogFilterBar } from './CatalogFilterBar';
import { CatalogResults } from './CatalogResults';
import { CatalogToolbar } from './CatalogToolbar';
import { FirstSteps } from './FirstSteps';
import { buildCatalogQuery } from './filters';
import { useCatalogPages } from './useCatalogPages';
import { useDebouncedValue } from './useDebouncedValue';
import { useFacets } from './useFacets';

export const SEARCH_DEBOUNCE_MS = 250;

/**
 * Typed fields (search, prices, accuracy, latency) reach the query once typing pauses; the debounce
 * runs on a string so that an unchanged value never restarts it.
 */
function useSettledView(view: CatalogView): CatalogView {
  const typed = JSON.stringify(TEXT_FILTERS.map((field) => view[field]));
  const settled = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  return useMemo(() => {
    const values = JSON.parse(settled) as string[];
    return { ...view, ...Object.fromEntries(TEXT_FILTERS.map((field, i) => [field, values[i] ?? ''])) };
  }, [view, settled]);
}

export function CatalogScreen() {
  const view = useUiStore((s) => s.catalog);
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const openModel = useUiStore((s) => s.openModel);
  const setSort = useUiStore((s) => s.setSort);
  const clearFilters = useUiStore((s) => s.clearFilters);
  const settledView = useSettledView(view);
  const { query } = useMemo(() => buildCatalogQuery(settledView), [settledView]);
  // Problems show while typing, before the debounce lets the query take the value.
  const { problems } = useMemo(() => buildCatalogQuery(view), [view]);
  const facets = useFacets();
  const pages = useCatalogPages(query, facets.see);
  const count = pages.total === null ? 'Loading…' : formatPlural(pages.total, 'model');

  const empty = hasFilters(settledView) ? (
    <EmptyState title="No models match — clear filters" testId="catalog-empty">
      <button type="button" className="button" onClick={clearFilters} data-testid="clear-filters">
        Clear filters
      </button>
    </EmptyState>
  ) : (
    <EmptyState title="No models are listed in this marketplace yet." testId="catalog-empty">
      <p className="muted">Models appear here as producers publish them.</p>
    </EmptyState>
  );

  return (
    <section className="screen catalog-screen" data-testid="catalog" aria-label="Catalog">
      <FirstSteps />
      <CatalogToolbar count={count} />
      <CatalogFilterBar facets={facets} problems={problems} />
      <div className="split">
        <div className="split-main">
          <CatalogResults
            pages={pages}
            listKey={JSON.stringify(query)}
            label="Models"
            selectedId={selectedId}
            onSelect={(item) => selectModel(item.id)}
            onOpen={(item) => openModel(item.id)}
            empty={empty}
            sorting={{ sort: view.sort, onSort: setSort }}
            task={settledView.task}
            comparable
          />
          <CompareTray />
        </div>
        <UserModelDetail />
      </div>
    </section>
  );
}
