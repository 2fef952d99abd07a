import { useEffect, useRef, useState } from 'react';
import type { CatalogItem } from '../../../../src-shared/catalog';
import type { AppError } from '../../../../src-shared/errors';
import type { ReviewSummary } from '../../../../src-shared/reviews';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { useRefetchOn } from '../../client/useRefetchOn';
import { performanceRow, type ModelRow } from './performance';

/**
 * Reads, per model: its evaluation reports, its review summary, and one summary per task (each
 * task has its own ratings and feedback). Re-read when reviews or the catalog change.
 */
export function usePerformance(items: readonly CatalogItem[] | undefined) {
  const client = useClient();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; rows: ModelRow[]; error: AppError | null } | null>(null);
  useRefetchOn(['reviews.changed', 'catalog.changed'], () => setVersion((v) => v + 1));
  // A re-read list with the same models must not re-query: the models are compared by `key`.
  const key = items ? JSON.stringify(items.map((i) => [i.id, i.updatedAt, i.tasks, i.metrics])) : null;
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  });

  useEffect(() => {
    const models = latest.current;
    if (!models || key === null) return undefined;
    let live = true;
    const read = async (item: CatalogItem): Promise<ModelRow> => {
      const [reports, overall, ...perTask] = await Promise.all([
        client.call('evals.reports', { modelId: item.id }),
        client.call('reviews.summary', { modelId: item.id }),
        ...item.tasks.map((task) => client.call('reviews.summary', { modelId: item.id, task })),
      ]);
      const byTask: Record<string, ReviewSummary> = Object.fromEntries(item.tasks.map((task, i) => [task, perTask[i]!]));
      return performanceRow({ item, overall, byTask, reports });
    };
    Promise.all(models.map(read)).then(
      (rows) => live && setState({ key, rows, error: null }),
      (error: unknown) => live && setState((prev) => ({ key, rows: prev?.key === key ? prev.rows : [], error: asAppError(error) })),
    );
    return () => {
      live = false;
    };
  }, [client, key, version]);

  const current = state && state.key === key ? state : null;
  return { rows: current?.rows, error: current?.error ?? null, reload: () => setVersion((v) => v + 1) };
}
