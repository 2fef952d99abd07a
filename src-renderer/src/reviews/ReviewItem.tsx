import type { ReactNode } from 'react';
import type { ReviewView } from '../../../src-shared/reviews';
import { shortKey } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { Stars } from '../shell/Stars';
import { HELD_NOTE } from './ReviewSummaryPanel';

/**
 * One review. Its text and the reply are plain text from other people: they are rendered only as
 * React text children (never as HTML), and CSS white-space: pre-wrap keeps their line breaks.
 */
export function ReviewItem({ review, title, footer }: { review: ReviewView; title?: ReactNode; footer?: ReactNode }) {
  const stars = `${review.rating} of 5 stars`;
  return (
    <article className="review" data-testid="review" data-reviewer={review.reviewer} data-model-id={review.modelId} data-verified={review.verified} data-mine={review.mine}>
      {title && <div className="review-title">{title}</div>}
      <header className="review-head">
        <Stars ratingX100={review.rating * 100} label={stars} testId="review-stars" />
        {review.verified && (
          <span className="badge badge-measured" data-testid="review-verified" title="The reviewer linked a ledger charge of theirs for this model">
            Verified usage
          </span>
        )}
        {review.task && (
          <span className="chip" data-testid="review-task" title="The task the review is about">
            {review.task}
          </span>
        )}
        {review.heldUntil !== null && (
          <span className="badge badge-claimed" data-testid="review-held-badge" title={`${HELD_NOTE}, until ${formatDateTime(review.heldUntil)}`}>
            held
          </span>
        )}
        {review.edited && (
          <span className="muted review-edited" data-testid="review-edited" title="Changed after it was first published">
            edited
          </span>
        )}
        <span className="review-meta muted">
          <span title={review.reviewer}>{review.mine ? 'you' : shortKey(review.reviewer)}</span> · {formatDateTime(review.ts)}
        </span>
      </header>
      {review.text === '' ? (
        <p className="muted review-empty-text">Stars only, no text.</p>
      ) : (
        <p className="review-text selectable" data-testid="review-text">
          {review.text}
        </p>
      )}
      {review.reply && (
        <div className="review-reply" data-testid="review-reply">
          <p className="review-reply-head muted">Reply from the producer · {formatDateTime(review.reply.ts)}</p>
          <p className="review-text selectable" data-testid="review-reply-text">
            {review.reply.text}
          </p>
        </div>
      )}
      {footer && <div className="review-footer">{footer}</div>}
    </article>
  );
}
