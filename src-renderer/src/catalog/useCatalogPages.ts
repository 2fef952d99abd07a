import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogListInput, CatalogRow as CatalogItem } from '../../../src-shared/catalog';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { useRefetchOn } from '../client/useRefetchOn';

export const PAGE_SIZE = 100;

export type CatalogQuery = Omit<CatalogListInput, 'offset' | 'limit'>;

interface Loaded {
  items: readonly CatalogItem[];
  /** The refresh generation the page was fetched in; older pages are shown until replaced. */
  version: number;
}

interface PagesState {
  queryKey: string;
  total: number | null;
  pages: ReadonlyMap<number, Loaded>;
  error: AppError | null;
}

export interface CatalogPages {
  /** null until the first page of this query arrived. */
  total: number | null;
  error: AppError | null;
  itemAt(index: number): CatalogItem | undefined;
  /** Make sure rows first..last (inclusive) are loaded or loading. */
  ensureRows(first: number, last: number): void;
  retry(): void;
}

const emptyState = (queryKey: string): PagesState => ({ queryKey, total: null, pages: new Map(), error: null });

/**
 * The catalog read page by page as rows scroll into view, so 100k models cost only the pages seen.
 * On catalog.changed every page goes stale: visible pages are re-read, the rest when they scroll
 * back in; until then stale rows stay on screen rather than flashing to skeletons.
 */
export function useCatalogPages(query: CatalogQuery, onPage?: (items: readonly CatalogItem[]) => void): CatalogPages {
  const client = useClient();
  const pageListener = useRef(onPage);
  useEffect(() => {
    pageListener.current = onPage;
  });
  const queryKey = JSON.stringify(query);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<PagesState>(() => emptyState(queryKey));
  const requested = useRef<{ stamp: string; pages: Set<number> }>({ stamp: '', pages: new Set() });
  const current = state.queryKey === queryKey ? state : emptyState(queryKey);
  // Answers for a query the user has already replaced must not land on top of the new one.
  const activeKey = useRef(queryKey);
  useEffect(() => {
    activeKey.current = queryKey;
  }, [queryKey]);

  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useRefetchOn(['catalog.changed'], bump);

  const load = useCallback(
    (page: number) => {
      const stamp = `${queryKey}#${version}`;
      if (requested.current.stamp !== stamp) requested.current = { stamp, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      const input: CatalogListInput = { ...(JSON.parse(queryKey) as CatalogQuery), offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      client.call('catalog.list', input).then(
        (output) => {
          pageListener.current?.(output.items);
          if (activeKey.current !== queryKey) return;
          setState((prev) => {
            const base = prev.queryKey === queryKey ? prev : emptyState(queryKey);
            const existing = base.pages.get(page);
            if (existing && existing.version > version) return base;
            const pages = new Map(base.pages).set(page, { items: output.items, version });
            return { queryKey, total: output.total, pages, error: null };
          });
        },
        (error: unknown) =>
          activeKey.current === queryKey &&
          setState((prev) => ({ ...(prev.queryKey === queryKey ? prev : emptyState(queryKey)), error: asAppError(error) })),
      );
    },
    [client, queryKey, version],
  );

  // The first page also tells us the total, without which the list has no rows to ask for.
  useEffect(() => load(0), [load]);

  const ensureRows = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) load(page);
    },
    [load],
  );

  const itemAt = useCallback(
    (index: number) => current.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    [current],
  );

  const retry = useCallback(() => {
    setState((prev) => ({ ...prev, error: null }));
    bump();
  }, [bump]);

  return { total: current.total, error: current.error, itemAt, ensureRows, retry };
}
