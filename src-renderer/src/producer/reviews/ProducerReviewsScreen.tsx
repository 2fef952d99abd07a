import { useMemo, useState } from 'react';
import { useCommand } from '../../client/useCommand';
import { formatCount, formatPlural } from '../../format/numbers';
import { modelSlug } from '../../ledger/accounts';
import { ReviewItem } from '../../reviews/ReviewItem';
import { InlineError } from '../../shell/InlineError';
import { EmptyState, ErrorState, LoadingState } from '../../shell/StatusViews';
import { ReplyForm } from './ReplyForm';
import { PER_MODEL, useReviewsOfModels } from './useReviewsOfModels';

/** Every review of the producer's models (retired ones too: they can still be answered), with a reply form under each. */
export function ProducerReviewsScreen({ producerKey }: { producerKey: string }) {
  const models = useCommand('catalog.list', { filters: { producer: producerKey, includeRetired: true }, sort: 'name', limit: 500 }, ['catalog.changed']);
  const ids = useMemo(() => models.data?.items.map((m) => m.id) ?? null, [models.data]);
  const reviews = useReviewsOfModels(ids);
  const [modelId, setModelId] = useState('');
  const [unanswered, setUnanswered] = useState(false);
  const names = useMemo(() => new Map(models.data?.items.map((m) => [m.id, m.name]) ?? []), [models.data]);
  const nameOf = (id: string) => names.get(id) ?? modelSlug(id);

  const all = reviews.items ?? [];
  const shown = all.filter((r) => (modelId === '' || r.modelId === modelId) && (!unanswered || r.reply === null));
  const waiting = all.filter((r) => r.reply === null).length;

  let body;
  if (!models.data || !reviews.items) {
    body = models.error && !models.loading ? <ErrorState error={models.error} onRetry={models.reload} testId="producer-reviews-error" /> : <LoadingState label="Loading the reviews of your models…" />;
  } else if (all.length === 0) {
    body = (
      <EmptyState title="No reviews of your models yet." testId="producer-reviews-empty">
        <p className="muted">Users who call your models review them from the model page; each review shows up here for you to answer.</p>
      </EmptyState>
    );
  } else {
    body = (
      <div className="review-column">
        {reviews.errors.map(({ modelId: id, error }) => (
          <InlineError key={id} error={error} onRetry={reviews.reload} testId="producer-reviews-model-error" prefix={`Reviews of ${nameOf(id)} are unavailable`} />
        ))}
        {reviews.truncated.length > 0 && <p className="muted">Only the newest {PER_MODEL} reviews per model are shown for {reviews.truncated.map(nameOf).join(', ')}.</p>}
        {shown.length === 0 && (
          <p className="muted" data-testid="producer-reviews-none-shown">
            No review matches: every one has a reply.
          </p>
        )}
        {shown.map((review) => (
          <ReviewItem
            key={review.hash}
            review={review}
            title={<strong data-testid="review-model-name">{nameOf(review.modelId)}</strong>}
            footer={<ReplyForm review={review} />}
          />
        ))}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="producer-reviews" aria-label="Reviews">
      <div className="toolbar">
        <h1 className="screen-title">Reviews</h1>
        {models.data && models.data.items.length > 1 && (
          <label className="toolbar-field">
            Model
            <select data-testid="producer-reviews-model" value={modelId} onChange={(event) => setModelId(event.target.value)}>
              <option value="">All my models</option>
              {models.data.items.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="checkbox-field">
          <input type="checkbox" checked={unanswered} onChange={(event) => setUnanswered(event.target.checked)} data-testid="producer-reviews-unanswered" />
          Without a reply only
        </label>
        <span className="toolbar-spacer" />
        {reviews.items && (
          <span className="count" data-testid="producer-reviews-count">
            {formatPlural(all.length, 'review')} · {formatCount(waiting)} without a reply
          </span>
        )}
      </div>
      <div className="screen-scroll">{body}</div>
    </section>
  );
}
