import type { CatalogFilters, CatalogItem, CatalogListInput, CatalogRow, CatalogSort } from '../../../src-shared/catalog';
import { TaskValueRanks, taskValueScore } from './task-figures';

interface Entry {
  item: CatalogItem;
  searchText: string;
  refCost: number;
  measured: boolean;
  ratingX100: number;
}

const UNPRICED = Number.MAX_SAFE_INTEGER;

/** A sort key; with a task, accuracy and value are that task's figures, not the best task's. */
type Key = (e: Entry, task: string | undefined) => number | string;

/** Each sort's key and direction; ties always break on id so pages are stable. */
const SORT_KEYS: Record<CatalogSort, { key: Key; desc: boolean }> = {
  value: { key: (e, task) => (task === undefined ? e.item.valueScore : taskValueScore(e.item, task)), desc: true },
  price: { key: (e) => e.refCost, desc: false },
  accuracy: { key: (e, task) => (task === undefined ? e.item.bestAccuracyBps : (e.item.metrics.accuracyBps[task]?.value ?? 0)), desc: true },
  latency: { key: (e) => e.item.metrics.latencyP95Ms.value, desc: false },
  rating: { key: (e) => e.ratingX100, desc: true },
  popularity: { key: (e) => e.item.metrics.popularity.value, desc: true },
  name: { key: (e) => e.item.name.toLowerCase(), desc: false },
  recent: { key: (e) => e.item.updatedAt, desc: true },
};

function toEntry(item: CatalogItem): Entry {
  const m = item.metrics;
  return {
    item,
    searchText: [item.name, item.description, item.producerName, item.slug, ...item.tasks, ...item.industries].join('\n').toLowerCase(),
    refCost: item.referenceCost ?? UNPRICED,
    ratingX100: m.ratingX100.value ?? -1,
    measured: [m.latencyP50Ms, m.latencyP95Ms, m.successRateBps, m.throughputTps, ...Object.values(m.accuracyBps)].some((x) => x.source !== 'claimed'),
  };
}

function matches(e: Entry, f: CatalogFilters, terms: string[]): boolean {
  const { item } = e;
  if (!f.includeRetired && item.retired) return false;
  if (f.task !== undefined && !item.tasks.includes(f.task)) return false;
  if (f.industry !== undefined && !item.industries.includes(f.industry)) return false;
  if (f.producer !== undefined && item.producerKey !== f.producer) return false;
  if (f.minCost !== undefined && e.refCost < f.minCost) return false;
  if (f.maxCost !== undefined && e.refCost > f.maxCost) return false;
  if (f.minAccuracyBps !== undefined) {
    const accuracy = f.task !== undefined ? (item.metrics.accuracyBps[f.task]?.value ?? 0) : item.bestAccuracyBps;
    if (accuracy < f.minAccuracyBps) return false;
  }
  if (f.maxLatencyP95Ms !== undefined && item.metrics.latencyP95Ms.value > f.maxLatencyP95Ms) return false;
  if (f.minRatingX100 !== undefined && e.ratingX100 < f.minRatingX100) return false;
  if (f.measuredOnly && !e.measured) return false;
  for (const term of terms) if (!e.searchText.includes(term)) return false;
  return true;
}

/**
 * The catalog list query. A scan in sort order over pre-sorted permutations: measured at 100k
 * models, RxDB's query matcher needs ~60 ms per regex + filter query, this scan a few ms
 * (bench/catalog-list). A permutation is rebuilt lazily, once per sort (and per task for a task
 * filter, over that task's models only), after the catalog changes.
 */
export class CatalogIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly orders = new Map<string, Entry[]>();
  private readonly tasks = new Map<string, CatalogItem[]>();
  private readonly ranks = new TaskValueRanks((task) => this.byTask(task));

  upsert(items: Iterable<CatalogItem>): void {
    for (const item of items) {
      const before = this.entries.get(item.id)?.item;
      this.entries.set(item.id, toEntry(item));
      // A routed call refreshes its model's figures: swap it in place in the task lists rather
      // than have the next decision rescan the whole catalog. New or re-tasked models rebuild.
      if (before && sameTasks(before, item)) this.replaceInTasks(before, item);
      else this.tasks.clear();
    }
    this.orders.clear();
    this.ranks.clear();
  }

  private replaceInTasks(before: CatalogItem, after: CatalogItem): void {
    for (const task of new Set(after.tasks)) {
      const list = this.tasks.get(task);
      const at = list ? list.indexOf(before) : -1;
      if (list && at >= 0) list[at] = after;
      else this.tasks.delete(task);
    }
  }

  get(id: string): CatalogItem | undefined {
    return this.entries.get(id)?.item;
  }

  /**
   * Every model listing a task (routing's candidate set), cached until the catalog changes. After a
   * change, one pass lists every task at once: decisions go on to the other tasks soon enough.
   */
  byTask(task: string): CatalogItem[] {
    if (this.tasks.size === 0) this.listEveryTask();
    let list = this.tasks.get(task);
    if (!list) {
      list = [];
      for (const entry of this.entries.values()) if (entry.item.tasks.includes(task)) list.push(entry.item);
      this.tasks.set(task, list);
    }
    return list;
  }

  private listEveryTask(): void {
    for (const { item } of this.entries.values()) {
      for (const task of item.tasks) {
        let list = this.tasks.get(task);
        if (!list) this.tasks.set(task, (list = []));
        // A task named twice by one model lists it once.
        if (list[list.length - 1] !== item) list.push(item);
      }
    }
  }

  *items(): IterableIterator<CatalogItem> {
    for (const entry of this.entries.values()) yield entry.item;
  }

  get size(): number {
    return this.entries.size;
  }

  /** One model with its figure for `task` (default: its best task). */
  row(id: string, task?: string): CatalogRow | undefined {
    const item = this.get(id);
    return item && this.ranks.rowOf(item, task);
  }

  /** Rows of these items with their figures for `task` (compare's models). */
  rowsOf(items: CatalogItem[], task: string): CatalogRow[] {
    return items.map((item) => this.ranks.rowOf(item, task));
  }

  list(input: CatalogListInput): { total: number; items: CatalogRow[] } {
    const sort = input.sort ?? 'value';
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    const filters = input.filters ?? {};
    const terms = (input.query ?? '').toLowerCase().split(/\s+/).filter((t) => t.length > 0);
    const items: CatalogItem[] = [];
    let total = 0;
    for (const entry of this.ordered(sort, filters.task)) {
      if (!matches(entry, filters, terms)) continue;
      if (total >= offset && items.length < limit) items.push(entry.item);
      total++;
    }
    return { total, items: items.map((item) => this.ranks.rowOf(item, filters.task)) };
  }

  private ordered(sort: CatalogSort, task: string | undefined): Entry[] {
    const cacheKey = task === undefined ? sort : `${sort}\u0000${task}`;
    let order = this.orders.get(cacheKey);
    if (!order) {
      const { key, desc } = SORT_KEYS[sort];
      const source = task === undefined ? [...this.entries.values()] : this.byTask(task).map((item) => this.entries.get(item.id)!);
      const keyed = source.map((e) => ({ e, k: key(e, task) }));
      keyed.sort((a, b) => {
        if (a.k !== b.k) return (a.k < b.k ? -1 : 1) * (desc ? -1 : 1);
        return a.e.item.id < b.e.item.id ? -1 : 1;
      });
      order = keyed.map((x) => x.e);
      // A task no model lists is not kept: any string may be asked for, and each would stay.
      if (order.length > 0) this.orders.set(cacheKey, order);
    }
    return order;
  }
}

function sameTasks(a: CatalogItem, b: CatalogItem): boolean {
  return a.tasks.length === b.tasks.length && a.tasks.every((task, i) => task === b.tasks[i]);
}
