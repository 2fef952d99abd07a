import { useCommand } from '../client/useCommand';
import { formatPlural } from '../format/numbers';
import { useModelNames } from '../routing/useModelNames';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { RetractButton } from './RetractButton';
import { ReviewItem } from './ReviewItem';

/** The reviews the local identity wrote (reviews.mine), newest first, each editable and retractable. */
export function MyReviewsScreen() {
  const mine = useCommand('reviews.mine', {}, ['reviews.changed']);
  const nameOf = useModelNames(mine.data?.map((r) => r.modelId) ?? []);
  const openReviewDialog = useUiStore((s) => s.openReviewDialog);
  const openModel = useUiStore((s) => s.openModel);
  const showScreen = useUiStore((s) => s.showScreen);

  let body;
  if (!mine.data) {
    body = mine.error && !mine.loading ? <ErrorState error={mine.error} onRetry={mine.reload} testId="my-reviews-error" /> : <LoadingState label="Loading your reviews…" />;
  } else if (mine.data.length === 0) {
    body = (
      <EmptyState title="You have not reviewed any model yet." testId="my-reviews-empty">
        <p className="muted">Open a model you called and write a review; linking the charge of your call shows it as verified usage.</p>
        <button type="button" className="button button-primary" onClick={() => showScreen('catalog')} data-testid="my-reviews-catalog">
          Browse the catalog
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <div className="review-column">
        {mine.data.map((review) => (
          <ReviewItem
            key={review.hash}
            review={review}
            title={
              <button type="button" className="link-button model-link" onClick={() => openModel(review.modelId)} data-testid="my-review-model" title={review.modelId}>
                {nameOf(review.modelId)}
              </button>
            }
            footer={
              <>
                <button type="button" className="button button-small" onClick={() => openReviewDialog({ modelId: review.modelId })} data-testid="edit-review">
                  Edit
                </button>
                <RetractButton modelId={review.modelId} name={nameOf(review.modelId)} />
              </>
            }
          />
        ))}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="my-reviews" aria-label="My reviews">
      <div className="toolbar">
        <h1 className="screen-title">My reviews</h1>
        <span className="toolbar-spacer" />
        {mine.data && mine.data.length > 0 && <span className="count">{formatPlural(mine.data.length, 'review')}</span>}
      </div>
      <div className="screen-scroll">{body}</div>
    </section>
  );
}
