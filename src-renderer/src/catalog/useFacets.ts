import { useCallback, useState } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';

export interface Facets {
  /** Producers seen so far, by name. */
  producers: ReadonlyArray<{ key: string; name: string }>;
  industries: readonly string[];
  /** Feed every page of catalog items the window receives. */
  see(items: readonly CatalogItem[]): void;
}

interface Seen {
  producers: ReadonlyMap<string, string>;
  industries: ReadonlySet<string>;
}

/**
 * The contract has no "list producers / industries" command, and at 100k models reading them all
 * would cost more than the list itself; the filter menus offer what the pages read so far contain,
 * which grows as the user scrolls and never drops a choice once seen.
 */
export function useFacets(): Facets {
  const [seen, setSeen] = useState<Seen>({ producers: new Map(), industries: new Set() });
  const see = useCallback((items: readonly CatalogItem[]) => {
    setSeen((prev) => {
      const fresh = items.filter(
        (item) => prev.producers.get(item.producerKey) !== item.producerName || item.industries.some((i) => !prev.industries.has(i)),
      );
      // Nothing new: keep the same object so nothing re-renders.
      if (fresh.length === 0) return prev;
      const producers = new Map(prev.producers);
      const industries = new Set(prev.industries);
      for (const item of fresh) {
        producers.set(item.producerKey, item.producerName);
        for (const industry of item.industries) industries.add(industry);
      }
      return { producers, industries };
    });
  }, []);
  const producers = [...seen.producers].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
  const industries = [...seen.industries].sort();
  return { producers, industries, see };
}
