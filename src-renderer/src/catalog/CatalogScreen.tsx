import { useMemo } from 'react';
import { formatPlural } from '../format/numbers';
import { EmptyState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { CatalogResults } from './CatalogResults';
import { CatalogToolbar } from './CatalogToolbar';
import { ModelDetail } from './ModelDetail';
import { useCatalogPages, type CatalogQuery } from './useCatalogPages';
import { useDebouncedValue } from './useDebouncedValue';

export const SEARCH_DEBOUNCE_MS = 250;

export function CatalogScreen() {
  const view = useUiStore((s) => s.catalog);
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const clearFilters = useUiStore((s) => s.clearFilters);
  const queryText = useDebouncedValue(view.queryText.trim(), SEARCH_DEBOUNCE_MS);

  const query = useMemo<CatalogQuery>(
    () => ({
      ...(queryText ? { query: queryText } : {}),
      ...(view.task ? { filters: { task: view.task } } : {}),
      sort: view.sort,
    }),
    [queryText, view.task, view.sort],
  );
  const pages = useCatalogPages(query);
  const filtered = queryText !== '' || view.task !== null;
  const count = pages.total === null ? 'Loading…' : formatPlural(pages.total, 'model');

  const empty = filtered ? (
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
      <CatalogToolbar count={count} />
      <div className="split">
        <div className="split-main">
          <CatalogResults
            pages={pages}
            listKey={JSON.stringify(query)}
            label="Models"
            selectedId={selectedId}
            onSelect={(item) => selectModel(item.id)}
            empty={empty}
          />
        </div>
        {selectedId !== null && <ModelDetail id={selectedId} onClose={() => selectModel(null)} />}
      </div>
    </section>
  );
}
