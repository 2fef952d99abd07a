import type { CatalogItem } from '../../../src-shared/catalog';
import { formatPlural, formatRating } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';

/** Whole stars for a rating × 100, rounded to the nearest half star for the picture only. */
function stars(ratingX100: number): string {
  const halves = Math.round(ratingX100 / 50);
  return '★'.repeat(Math.floor(halves / 2)) + (halves % 2 ? '½' : '') + '☆'.repeat(5 - Math.ceil(halves / 2));
}

/**
 * Reviews come only from users who paid for a call; until one exists the page says so instead of
 * showing a placeholder score.
 */
export function ReviewsSummary({ item }: { item: CatalogItem }) {
  const rating = item.metrics.ratingX100;
  if (rating.value === null) {
    return (
      <p className="muted" data-testid="reviews-summary" data-state="empty">
        No reviews yet. Reviews come from users who paid for a call to this model.
      </p>
    );
  }
  return (
    <p data-testid="reviews-summary" data-state="rated">
      <span className="stars" aria-hidden="true">
        {stars(rating.value)}
      </span>{' '}
      <strong>{formatRating(rating.value)}</strong> <SourceBadge source={rating.source} />{' '}
      <span className="muted">from {formatPlural(item.metrics.popularity.value, 'paying user')}</span>
    </p>
  );
}
