import type { ReactNode } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { CatalogList } from './CatalogList';
import type { CatalogPages } from './useCatalogPages';

/** Loading, error, empty or the list: the four faces of one catalog query. */
export function CatalogResults({
  pages,
  listKey,
  label,
  selectedId,
  onSelect,
  empty,
  comparable = false,
}: {
  pages: CatalogPages;
  /** Changes with the query, so a new query starts scrolled to the top. */
  listKey: string;
  label: string;
  selectedId: string | null;
  onSelect(item: CatalogItem): void;
  empty: ReactNode;
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
      <CatalogList key={listKey} pages={pages} total={pages.total} selectedId={selectedId} onSelect={onSelect} label={label} comparable={comparable} />
    </>
  );
}
