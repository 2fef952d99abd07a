import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { CatalogHeader, CatalogRow, PlaceholderRow, ROW_HEIGHT } from './CatalogRow';
import type { CatalogPages } from './useCatalogPages';

/**
 * Only the rows in view (plus overscan) exist in the DOM, and only their pages are fetched, so a
 * catalog of 100k models scrolls like one of 100. Mount it with a key per query to start at the top.
 */
export function CatalogList({
  pages,
  total,
  selectedId,
  onSelect,
  label,
  comparable,
}: {
  pages: CatalogPages;
  total: number;
  selectedId: string | null;
  onSelect(item: CatalogItem): void;
  label: string;
  comparable: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
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

  useEffect(() => ensureRows(first, last), [ensureRows, first, last]);

  function pick(index: number, item: CatalogItem) {
    setCursor(index);
    onSelect(item);
  }

  // Arrow keys walk the list like a native list box; rows not loaded yet are skipped over.
  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || total === 0) return;
    event.preventDefault();
    const next = Math.min(total - 1, Math.max(0, (cursor ?? -1) + step));
    virtualizer.scrollToIndex(next);
    const item = itemAt(next);
    setCursor(next);
    if (item) onSelect(item);
  }

  return (
    <div className="catalog-list">
      <CatalogHeader comparable={comparable} />
      <div
        ref={scrollRef}
        className="catalog-scroll"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="catalog-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const item = itemAt(row.index);
            const style = { height: row.size, transform: `translateY(${row.start}px)` };
            return item ? (
              <CatalogRow
                key={row.key}
                item={item}
                selected={item.id === selectedId}
                comparable={comparable}
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
