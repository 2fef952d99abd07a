import type { CatalogItem, CatalogRow, TaskFigure } from '../../../src-shared/catalog';
import { valueScore } from '../../../src-shared/market-math';

/** A model's value score on one task: that task's accuracy at its reference-call cost. */
export function taskValueScore(item: CatalogItem, task: string): number {
  const accuracy = item.metrics.accuracyBps[task]?.value ?? 0;
  return item.referenceCost === null ? 0 : valueScore(accuracy, item.referenceCost);
}

/** Whether a model competes in a task's value ranking: active, priced and listing the task. */
function ranked(item: CatalogItem, task: string): boolean {
  return !item.retired && item.referenceCost !== null && item.tasks.includes(task);
}

/**
 * Value ranks within a task ("#3 of 10 best value"), the same rule as the producer's pricing
 * position: 1 + the number of the task's models with a strictly higher value score. Each task's
 * scores are sorted once (descending) after the catalog changes; a rank is then a binary search,
 * so a 50-row page costs 50 searches, not 50 scans.
 */
export class TaskValueRanks {
  private readonly scores = new Map<string, Float64Array>();

  constructor(private readonly modelsOf: (task: string) => readonly CatalogItem[]) {}

  clear(): void {
    this.scores.clear();
  }

  private scoresOf(task: string): Float64Array {
    let sorted = this.scores.get(task);
    if (!sorted) {
      const values = this.modelsOf(task).filter((item) => ranked(item, task)).map((item) => taskValueScore(item, task));
      sorted = Float64Array.from(values).sort().reverse();
      this.scores.set(task, sorted);
    }
    return sorted;
  }

  /** { rank, of } for a model in a task; rank null when it takes no part (unpriced, retired). */
  rankOf(item: CatalogItem, task: string): { rank: number | null; of: number } {
    const sorted = this.scoresOf(task);
    if (!ranked(item, task)) return { rank: null, of: sorted.length };
    const score = taskValueScore(item, task);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > score) lo = mid + 1;
      else hi = mid;
    }
    return { rank: lo + 1, of: sorted.length };
  }

  /** The figure a view shows: the asked task's, or without one the model's best task's. */
  figureOf(item: CatalogItem, task?: string): TaskFigure {
    const shown = task ?? item.bestTask;
    const scope = task === undefined ? 'best' : 'task';
    if (shown === null) return { task: null, scope, accuracyBps: 0, accuracySource: null, valueScore: 0, valueRank: null, valueOf: 0 };
    const metric = item.metrics.accuracyBps[shown];
    const { rank, of } = this.rankOf(item, shown);
    return {
      task: shown,
      scope,
      accuracyBps: metric?.value ?? 0,
      accuracySource: metric?.source ?? null,
      valueScore: taskValueScore(item, shown),
      valueRank: rank,
      valueOf: of,
    };
  }

  rowOf(item: CatalogItem, task?: string): CatalogRow {
    return { ...item, figure: this.figureOf(item, task) };
  }
}
