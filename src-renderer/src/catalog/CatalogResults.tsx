import type { ReactNode } from 'react';
import type { CatalogRow as CatalogItem } from '../../../src-shared/catalog';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { CatalogList } from './CatalogList';
import type { CatalogSorting } from './columns';
import type { CatalogPages } from './useCatalogPages';

/** Loading, error, empty or the list: the four faces of one catalog query. */
export function CatalogResults({
  pages,
  listKey,
  label,
  selectedId,
  onSelect,
  onOpen,
  empty,
  comparable = false,
  sorting,
  task = null,
}: {
  pages: CatalogPages;
  /** Changes with the query, so a new query starts scrolled to the top. */
  listKey: string;
  label: string;
  selectedId: string | null;
  onSelect(item: CatalogItem): void;
  /** Enter on the list: the full page of the model under the cursor. */
  onOpen?(item: CatalogItem): void;
  empty: ReactNode;
  sorting?: CatalogSorting;
  /** The task the figures are shown for (null: each model's best task). */
  task?: string | null;
  /** Rows get an "add to compare" checkbox (the user window). */
  comparable?: boolean;
}) {
  if (pages.total === null) {
    return pages.error ? (
      <ErrorState error={pages.error} onRetry={pages.retry} testId="catalog-error" />
    ) : (
      <LoadingState label="Loading models…" testId="catalog-loading" />
    );
  }
  if (pages.total === 0 && !pages.error) return <>{empty}</>;
  return (
    <>
      {pages.error && (
        <div className="banner banner-error" role="alert" data-testid="catalog-error">
          Some models could not be loaded: {pages.error.message} <code>{pages.error.code}</code>
          <button type="button" className="button" onClick={pages.retry} data-testid="retry">
            Retry
          </button>
        </div>
      )}
      <CatalogList key={listKey} pages={pages} total={pages.total} selectedId={selectedId} onSelect={onSelect} onOpen={onOpen} label={label} comparable={comparable} sorting={sorting} task={task} />
    </>
  );
}
