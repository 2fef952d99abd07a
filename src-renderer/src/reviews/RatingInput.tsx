import { StarIcon } from '../shell/icons';

const WORDS = ['', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'] as const;

/** 1–5 stars as a native radio group (keyboard arrows work), each radio drawn as a star. */
export function RatingInput({ value, onChange, problem }: { value: number | null; onChange(rating: number): void; problem?: string }) {
  return (
    <fieldset className="rating-input" aria-invalid={problem !== undefined} aria-describedby={problem ? 'review-rating-error' : undefined} data-testid="review-rating">
      <legend>Rating</legend>
      <div className="rating-stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={`rating-star${value !== null && n <= value ? ' on' : ''}`} title={`${n} of 5 stars: ${WORDS[n]}`} data-testid={`review-star-${n}`}>
            <input type="radio" className="visually-hidden" name="review-rating" value={n} checked={value === n} onChange={() => onChange(n)} data-testid={`review-rating-${n}`} />
            <StarIcon />
            <span className="visually-hidden">{`${n} ${n === 1 ? 'star' : 'stars'}`}</span>
          </label>
        ))}
        <span className="rating-words" data-testid="review-rating-words">
          {value === null ? 'Pick a rating' : WORDS[value]}
        </span>
      </div>
      {problem && (
        <p id="review-rating-error" className="field-error" data-testid="review-rating-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
