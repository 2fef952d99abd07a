import { StarIcon } from './icons';

const FIVE = [1, 2, 3, 4, 5] as const;

/**
 * A rating × 100 as five stars filled to the exact fraction: a row of empty stars with a row of
 * filled ones on top, clipped to the rating's width. The number is said in words for readers.
 */
export function Stars({ ratingX100, label, testId = 'stars' }: { ratingX100: number; label: string; testId?: string }) {
  const percent = Math.max(0, Math.min(500, ratingX100)) / 5;
  return (
    <span className="stars-row" role="img" aria-label={label} title={label} data-testid={testId} data-rating={ratingX100}>
      <span className="stars-layer stars-empty">
        {FIVE.map((n) => (
          <StarIcon key={n} />
        ))}
      </span>
      <span className="stars-layer stars-filled" style={{ width: `${percent}%` }}>
        {FIVE.map((n) => (
          <StarIcon key={n} />
        ))}
      </span>
    </span>
  );
}
