import type { CatalogItem, CatalogSort, MetricSource, TaskFigure } from '../../../src-shared/catalog';

/** Headers that sort: the current sort and how to change it. */
export interface CatalogSorting {
  sort: CatalogSort;
  onSort(sort: CatalogSort): void;
}

export interface AccuracyFigure {
  bps: number | null;
  source: MetricSource | null;
  /** The task the figure is of: the chosen task, or the model's best task. */
  task: string | null;
}

/**
 * The accuracy a row shows: with a task chosen, that task's figure (never another task's); without
 * one, the model's best task's figure, with that task named so nobody reads it as the one they need.
 */
export function accuracyFigure(item: CatalogItem & { figure?: TaskFigure }, task: string | null): AccuracyFigure {
  // The engine's figure, when it is for the task asked (it is, unless a page is from an older query).
  const f = item.figure;
  if (f && (task === null ? f.scope === 'best' : f.scope === 'task' && f.task === task)) {
    const listed = f.task !== null && item.metrics.accuracyBps[f.task] !== undefined;
    return { bps: listed ? f.accuracyBps : null, source: f.accuracySource, task: f.task };
  }
  const entries = Object.entries(item.metrics.accuracyBps);
  if (task !== null) {
    const metric = item.metrics.accuracyBps[task];
    return metric ? { bps: metric.value, source: metric.source, task } : { bps: null, source: null, task };
  }
  const best = entries.find(([name]) => name === item.bestTask) ?? entries.find(([, m]) => m.value === item.bestAccuracyBps) ?? entries.sort((a, b) => b[1].value - a[1].value)[0];
  return best ? { bps: best[1].value, source: best[1].source, task: best[0] } : { bps: item.bestAccuracyBps, source: null, task: null };
}
