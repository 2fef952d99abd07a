import { useState } from 'react';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { formatCount } from '../format/numbers';
import { InlineError } from '../shell/InlineError';
import { useUiStore } from '../state/ui-store';
import { ReviewItem } from './ReviewItem';

type Sort = 'helpful' | 'recent' | 'verified';
const SORTS: Array<{ value: Sort; label: string }> = [
  { value: 'helpful', label: 'Most helpful' },
  { value: 'recent', label: 'Most recent' },
  { value: 'verified', label: 'Verified first' },
];
const STEP = 10;
/** reviews.list answers at most 200 at once. */
const MAX_LIMIT = 200;

/** reviews.list of one model, in the order the engine sorts it, ten more at a time. */
export function ReviewList({ modelId }: { modelId: string }) {
  const [sort, setSort] = useState<Sort>('helpful');
  const [limit, setLimit] = useState(STEP);
  const list = useCommand('reviews.list', { modelId, sort, limit }, ['reviews.changed']);
  // A new sort or a longer page keeps the reviews on screen until the new answer lands.
  const data = useKeepPrevious(list.data);
  const openReviewDialog = useUiStore((s) => s.openReviewDialog);

  if (!data) {
    return list.error && !list.loading ? <InlineError error={list.error} onRetry={list.reload} testId="review-list-error" prefix="Reviews are unavailable" /> : <p className="muted">Loading reviews…</p>;
  }
  if (data.total === 0) return null;
  return (
    <div className="review-list" data-testid="review-list" aria-busy={list.loading}>
      <div className="review-list-head">
        <span className="muted">{formatCount(data.total)} shown by</span>
        <select aria-label="Sort reviews" data-testid="review-sort" value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {list.error && <InlineError error={list.error} onRetry={list.reload} testId="review-list-error" />}
      {data.items.map((review) => (
        <ReviewItem
          key={review.hash}
          review={review}
          footer={
            review.mine && (
              <button type="button" className="link-button" onClick={() => openReviewDialog({ modelId })} data-testid="edit-my-review">
                Edit your review
              </button>
            )
          }
        />
      ))}
      {data.items.length < data.total && limit < MAX_LIMIT && (
        <button type="button" className="button button-small" onClick={() => setLimit(Math.min(MAX_LIMIT, limit + STEP))} data-testid="review-more">
          Show more ({formatCount(data.total - data.items.length)} left)
        </button>
      )}
    </div>
  );
}
