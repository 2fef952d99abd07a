import type { CatalogItem } from '../../../src-shared/catalog';
import { effectiveNumbers, type EffectiveNumbers, type ModelStats } from './estimates';

export const RETIRED = 1;
export const PRICED = 2;
/** Latency and reliability are both measured without any stats of ours (effectiveNumbers' `measured`). */
export const MEASURED = 4;

/**
 * One task's candidate models as columns of numbers, so a decision is one pass over typed arrays
 * instead of thousands of property lookups (bench: route.plan over 10k models). Rows follow a task
 * list of the catalog index: a row whose model the index swapped (a refreshed model, after every
 * routed call) is refilled by the next decision (`current`), and the learned stats of each row
 * follow the ObservationStats as models gain them. The figures kept are those without learned stats;
 * a row with stats is computed by effectiveNumbers itself, so both give the same numbers.
 */
export class TaskTable {
  readonly size: number;
  readonly items: CatalogItem[];
  readonly stats: Array<ModelStats | undefined>;
  readonly flags: Uint8Array;
  readonly inputPer1M: Float64Array;
  readonly outputPer1M: Float64Array;
  readonly perRequest: Float64Array;
  readonly qualityBps: Float64Array;
  readonly successRateBps: Float64Array;
  readonly latencyP95Ms: Float64Array;
  /** Scratch for one decision (decisions are synchronous): eligible rows and their figures. */
  readonly eligibleRows: Int32Array;
  readonly cost: Float64Array;
  readonly quality: Float64Array;
  readonly success: Float64Array;
  readonly latency: Float64Array;
  readonly score: Float64Array;
  private statsVersion = -1;
  private readonly scratch: EffectiveNumbers = { qualityBps: 0, successRateBps: 0, latencyP95Ms: 0, measured: false };

  constructor(
    /** The list the rows follow (the catalog index swaps refreshed models in place). */
    readonly list: readonly CatalogItem[],
    readonly task: string,
  ) {
    const n = (this.size = list.length);
    this.items = new Array<CatalogItem>(n);
    this.stats = new Array<ModelStats | undefined>(n).fill(undefined);
    this.flags = new Uint8Array(n);
    this.inputPer1M = new Float64Array(n);
    this.outputPer1M = new Float64Array(n);
    this.perRequest = new Float64Array(n);
    this.qualityBps = new Float64Array(n);
    this.successRateBps = new Float64Array(n);
    this.latencyP95Ms = new Float64Array(n);
    this.eligibleRows = new Int32Array(n);
    this.cost = new Float64Array(n);
    this.quality = new Float64Array(n);
    this.success = new Float64Array(n);
    this.latency = new Float64Array(n);
    this.score = new Float64Array(n);
  }

  /**
   * Brings every row up to date with the list and the learned stats. `statsVersion` changes whenever
   * a model gains its stats object (objects are then updated in place, so rows keep seeing them).
   */
  current(statsOf: (modelId: string) => ModelStats | undefined, statsVersion: number): this {
    const restat = statsVersion !== this.statsVersion;
    const { list, items, stats } = this;
    for (let i = 0; i < this.size; i++) {
      const item = list[i]!;
      if (item !== items[i]) this.fill(i, item, statsOf(item.id));
      else if (restat) stats[i] = statsOf(item.id);
    }
    this.statsVersion = statsVersion;
    return this;
  }

  private fill(row: number, item: CatalogItem, stats: ModelStats | undefined): void {
    this.items[row] = item;
    this.stats[row] = stats;
    const fig = effectiveNumbers(item, this.task, undefined, this.scratch);
    this.flags[row] = (item.retired ? RETIRED : 0) | (item.price ? PRICED : 0) | (fig.measured ? MEASURED : 0);
    this.inputPer1M[row] = item.price?.inputPer1M ?? 0;
    this.outputPer1M[row] = item.price?.outputPer1M ?? 0;
    this.perRequest[row] = item.price?.perRequest ?? 0;
    this.qualityBps[row] = fig.qualityBps;
    this.successRateBps[row] = fig.successRateBps;
    this.latencyP95Ms[row] = fig.latencyP95Ms;
  }
}

/**
 * The router's tables, one per task, rebuilt when the catalog index hands out a new list for the
 * task (a model added, removed or re-tasked) and otherwise kept current row by row.
 */
export class TaskTables {
  private readonly byTask = new Map<string, TaskTable>();

  constructor(
    private readonly statsOf: (modelId: string) => ModelStats | undefined,
    private readonly statsVersion: () => number,
  ) {}

  of(task: string, list: readonly CatalogItem[]): TaskTable {
    let table = this.byTask.get(task);
    if (!table || table.list !== list || table.size !== list.length) this.byTask.set(task, (table = new TaskTable(list, task)));
    return table.current(this.statsOf, this.statsVersion());
  }
}
