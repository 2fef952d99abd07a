import { useEffect, useState } from 'react';
import type { AppError } from '../../../../src-shared/errors';
import type { ReviewView } from '../../../../src-shared/reviews';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { useRefetchOn } from '../../client/useRefetchOn';

/** reviews.list answers at most 200 per model; a producer's model rarely has more, and the screen says so when one does. */
export const PER_MODEL = 200;

export interface ReviewsOfModels {
  items: ReviewView[] | undefined;
  /** Models with more reviews than one page: only their newest PER_MODEL are shown. */
  truncated: string[];
  errors: Array<{ modelId: string; error: AppError }>;
  reload(): void;
}

/**
 * The reviews of several models (the producer's own), newest first, read with one reviews.list per
 * model and re-read on reviews.changed. A model that cannot be read is reported, the others shown.
 */
export function useReviewsOfModels(modelIds: readonly string[] | null): ReviewsOfModels {
  const client = useClient();
  const key = modelIds === null ? null : [...modelIds].sort().join('\n');
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; items: ReviewView[]; truncated: string[]; errors: ReviewsOfModels['errors'] } | null>(null);
  useRefetchOn(['reviews.changed'], () => setVersion((v) => v + 1));

  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    const ids = key === '' ? [] : key.split('\n');
    void Promise.allSettled(ids.map((modelId) => client.call('reviews.list', { modelId, sort: 'recent', limit: PER_MODEL }))).then((answers) => {
      if (!live) return;
      const items: ReviewView[] = [];
      const truncated: string[] = [];
      const errors: ReviewsOfModels['errors'] = [];
      answers.forEach((answer, i) => {
        if (answer.status === 'rejected') errors.push({ modelId: ids[i]!, error: asAppError(answer.reason) });
        else {
          items.push(...answer.value.items);
          if (answer.value.total > answer.value.items.length) truncated.push(ids[i]!);
        }
      });
      setState({ key, items: items.sort((a, b) => b.ts - a.ts), truncated, errors });
    });
    return () => {
      live = false;
    };
  }, [client, key, version]);

  const current = state && state.key === key ? state : null;
  return { items: current?.items, truncated: current?.truncated ?? [], errors: current?.errors ?? [], reload: () => setVersion((v) => v + 1) };
}
