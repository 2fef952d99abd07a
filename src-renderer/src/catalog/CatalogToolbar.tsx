import { CATALOG_SORTS, type CatalogSort } from '../../../src-shared/catalog';
import { KNOWN_TASKS } from '../../../src-shared/domain';
import { hasFilters } from '../state/catalog-view';
import { useUiStore } from '../state/ui-store';

const SORT_LABELS: Record<CatalogSort, string> = {
  value: 'Best value',
  price: 'Lowest price',
  accuracy: 'Highest accuracy',
  latency: 'Lowest latency',
  rating: 'Best rated',
  popularity: 'Most popular',
  name: 'Name',
  recent: 'Recently updated',
};

export function CatalogToolbar({ count }: { count: string }) {
  const view = useUiStore((s) => s.catalog);
  const setQueryText = useUiStore((s) => s.setQueryText);
  const setTask = useUiStore((s) => s.setTask);
  const setSort = useUiStore((s) => s.setSort);
  const clearFilters = useUiStore((s) => s.clearFilters);
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        className="search"
        placeholder="Search models, producers, tasks…"
        aria-label="Search models"
        data-testid="search"
        value={view.queryText}
        maxLength={200}
        onChange={(event) => setQueryText(event.target.value)}
      />
      <label className="toolbar-field">
        Task
        <select data-testid="task-filter" value={view.task ?? ''} onChange={(event) => setTask(event.target.value || null)}>
          <option value="">All tasks</option>
          {KNOWN_TASKS.map((task) => (
            <option key={task} value={task}>
              {task}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        Sort
        <select data-testid="sort" value={view.sort} onChange={(event) => setSort(event.target.value as CatalogSort)}>
          {CATALOG_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </label>
      <span className="toolbar-spacer" />
      <button type="button" className="button button-small" data-testid="clear-all-filters" disabled={!hasFilters(view)} onClick={clearFilters}>
        Clear filters
      </button>
      <span className="count" data-testid="catalog-count" aria-live="polite">
        {count}
      </span>
    </div>
  );
}
