import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogRow as CatalogItem } from '../../../src-shared/catalog';
import { useUiStore } from '../state/ui-store';
import { CatalogHeader, CatalogRow, PlaceholderRow, ROW_HEIGHT } from './CatalogRow';
import type { CatalogSorting } from './columns';
import type { CatalogPages } from './useCatalogPages';

const STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * Only the rows in view (plus overscan) exist in the DOM, and only their pages are fetched, so a
 * catalog of 100k models scrolls like one of 100. Mount it with a key per query to start at the top.
 * A grid with one tab stop: arrows move the cursor (aria-activedescendant) and preview the model,
 * Enter opens it, Space ticks it for compare.
 */
export function CatalogList({
  pages,
  total,
  selectedId,
  onSelect,
  onOpen,
  label,
  comparable,
  sorting,
  task = null,
}: {
  pages: CatalogPages;
  total: number;
  selectedId: string | null;
  onSelect(item: CatalogItem): void;
  onOpen?(item: CatalogItem): void;
  label: string;
  comparable: boolean;
  sorting?: CatalogSorting;
  task?: string | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const rowIdBase = useId();
  const toggleCompare = useUiStore((s) => s.toggleCompare);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // React 19 warns about flushSync during render; a frame of lag while scrolling is invisible here.
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? -1;
  const { ensureRows, itemAt } = pages;
  const rowId = (index: number) => `${rowIdBase}row-${index}`;

  useEffect(() => ensureRows(first, last), [ensureRows, first, last]);

  function pick(index: number, item: CatalogItem) {
    setCursor(index);
    onSelect(item);
  }

  function move(next: number) {
    virtualizer.scrollToIndex(next);
    const item = itemAt(next);
    setCursor(next);
    if (item) onSelect(item);
  }

  // Arrow keys walk the list like a native list box; rows not loaded yet are skipped over.
  function onKeyDown(event: KeyboardEvent) {
    if (event.target !== event.currentTarget || total === 0) return;
    const current = cursor === null ? null : itemAt(cursor);
    if (event.key in STEPS) move(Math.min(total - 1, Math.max(0, (cursor ?? -1) + STEPS[event.key]!)));
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(total - 1);
    else if (event.key === 'Enter' && current && onOpen) onOpen(current);
    else if (event.key === ' ' && current && comparable) toggleCompare(current.id);
    else return;
    event.preventDefault();
  }

  const activeShown = cursor !== null && rows.some((row) => row.index === cursor) && itemAt(cursor) !== undefined;
  return (
    <div
      className="catalog-list"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-activedescendant={activeShown ? rowId(cursor) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="catalog-list"
    >
      <CatalogHeader comparable={comparable} sorting={sorting} task={task} />
      <div ref={scrollRef} className="catalog-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const item = itemAt(row.index);
            const style = { height: row.size, transform: `translateY(${row.start}px)` };
            return item ? (
              <CatalogRow
                key={row.key}
                item={item}
                index={row.index}
                rowId={rowId(row.index)}
                selected={item.id === selectedId}
                active={row.index === cursor}
                comparable={comparable}
                task={task}
                style={style}
                onSelect={(picked) => pick(row.index, picked)}
              />
            ) : (
              <PlaceholderRow key={row.key} style={style} comparable={comparable} />
            );
          })}
        </div>
      </div>
    </div>
  );
}
