import type { CatalogItem } from '../../../src-shared/catalog';
import { useCommand } from '../client/useCommand';
import { useIdentityKey } from '../shell/HealthContext';
import { useUiStore } from '../state/ui-store';
import { ReviewList } from './ReviewList';
import { ReviewSummaryPanel } from './ReviewSummaryPanel';

/**
 * The reviews part of a model page: the aggregate, the way to write (or edit) your own review, and
 * the list. A producer never sees a review button on its own model: the engine refuses
 * self-review (FORBIDDEN), so offering it would be a dead button.
 */
export function ReviewsSection({ item }: { item: CatalogItem }) {
  const me = useIdentityKey();
  const openReviewDialog = useUiStore((s) => s.openReviewDialog);
  const own = me !== null && item.producerKey === me;
  const mine = useCommand('reviews.mine', own || me === null ? null : {}, ['reviews.changed']);
  const reviewed = mine.data?.some((r) => r.modelId === item.id) ?? false;

  return (
    <div className="reviews-section" data-testid="reviews-section">
      <ReviewSummaryPanel modelId={item.id} />
      <div className="section-actions">
        {own ? (
          <p className="muted" data-testid="review-own-model">
            You produce this model, so you cannot review it; its users can. Answer their reviews in the Producer Console (Reviews).
          </p>
        ) : (
          me !== null && (
            <button type="button" className="button button-small button-primary" onClick={() => openReviewDialog({ modelId: item.id })} data-testid="write-review">
              {reviewed ? 'Edit your review' : 'Write a review'}
            </button>
          )
        )}
      </div>
      <ReviewList modelId={item.id} />
    </div>
  );
}
