import type { ReviewSummary } from '../../../src-shared/reviews';
import { useCommand } from '../client/useCommand';
import { formatCount } from '../format/numbers';
import { formatStars, formatStarsDelta, reviewCount } from '../format/rating';
import { StarIcon, Thumb } from '../shell/icons';
import { InlineError } from '../shell/InlineError';
import { Stars } from '../shell/Stars';

export const HELD_NOTE = 'held out of the average for 72 h: a burst of reviews from new identities';

/** histogram[i] counts the (i + 1)-star reviews; drawn 5 stars first, bars relative to the largest. */
export function Histogram({ histogram }: { histogram: readonly number[] }) {
  const max = Math.max(1, ...histogram);
  return (
    <div className="histogram" data-testid="review-histogram">
      {[5, 4, 3, 2, 1].map((stars) => {
        const count = histogram[stars - 1] ?? 0;
        return (
          <div key={stars} className="histogram-row" data-testid="histogram-row" data-stars={stars} data-count={count} title={`${stars} stars: ${formatCount(count)}`}>
            <span className="histogram-label">
              {stars} <StarIcon className="star-small" />
            </span>
            <span className="histogram-track">
              <span className="histogram-fill" style={{ width: `${(count * 100) / max}%` }} />
            </span>
            <span className="histogram-count">{formatCount(count)}</span>
          </div>
        );
      })}
    </div>
  );
}

function Trend({ trend }: { trend: ReviewSummary['trend'] }) {
  const { last30X100: last, previous30X100: previous } = trend;
  if (last === null && previous === null) return null;
  return (
    <p className="muted review-trend" data-testid="review-trend">
      Last 30 days {last === null ? 'no reviews' : formatStars(last)} · previous 30 days {previous === null ? 'no reviews' : formatStars(previous)}
      {last !== null && previous !== null && <strong className={last >= previous ? 'trend-up' : 'trend-down'}> ({formatStarsDelta(last - previous)})</strong>}
    </p>
  );
}

export function FeedbackCounts({ feedback }: { feedback: ReviewSummary['feedback'] }) {
  return (
    <span className="feedback-counts" data-testid="feedback-counts" data-up={feedback.up} data-down={feedback.down} title="Quick feedback on routed calls">
      <span className="feedback-count">
        <Thumb /> <span data-testid="feedback-up-count">{formatCount(feedback.up)}</span>
      </span>
      <span className="feedback-count">
        <Thumb down /> <span data-testid="feedback-down-count">{formatCount(feedback.down)}</span>
      </span>
    </span>
  );
}

/** One summary as reviews.summary answers it: the numbers only, so the producer views reuse it. */
export function SummaryView({ summary }: { summary: ReviewSummary }) {
  const average = summary.averageX100;
  return (
    <div className="review-summary" data-testid="review-summary" data-state={average === null ? 'empty' : 'rated'} data-average={average ?? ''}>
      <div className="review-average">
        {average === null ? (
          <p className="muted" data-testid="review-average-none">
            {summary.count === 0 ? 'No reviews yet. Reviews with a linked charge count as verified usage.' : 'No review counts toward the average yet.'}
          </p>
        ) : (
          <>
            <strong className="big-rating" data-testid="review-average">
              {formatStars(average)}
            </strong>
            <Stars ratingX100={average} label={`${formatStars(average)} of 5 stars`} />
            <span className="muted" title="Bayesian average: verified reviews weigh 1, unverified 0.2, held 0">
              {reviewCount(summary.count)}
            </span>
          </>
        )}
      </div>
      {summary.count > 0 && <Histogram histogram={summary.histogram} />}
      <p className="review-facts">
        <span data-testid="review-verified-count">{formatCount(summary.verified)} verified usage</span>
        {summary.meanX100 !== null && <span className="muted"> · plain mean {formatStars(summary.meanX100)}</span>}
        <span className="muted"> · feedback </span>
        <FeedbackCounts feedback={summary.feedback} />
      </p>
      {summary.held > 0 && (
        <p className="held-note" data-testid="review-held" data-held={summary.held}>
          {formatCount(summary.held)} {summary.held === 1 ? 'review' : 'reviews'} {HELD_NOTE}.
        </p>
      )}
      <Trend trend={summary.trend} />
    </div>
  );
}

/** reviews.summary of a model, followed live (reviews.changed). */
export function ReviewSummaryPanel({ modelId }: { modelId: string }) {
  const summary = useCommand('reviews.summary', { modelId }, ['reviews.changed']);
  if (summary.data) return <SummaryView summary={summary.data} />;
  if (summary.error && !summary.loading) return <InlineError error={summary.error} onRetry={summary.reload} testId="review-summary-error" prefix="Ratings are unavailable" />;
  return <p className="muted">Loading ratings…</p>;
}
