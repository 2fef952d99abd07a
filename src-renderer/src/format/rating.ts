import { formatCount } from './numbers';

/**
 * Ratings travel as stars × 100 (integers). Shown with one decimal, rounded half up in integer
 * arithmetic: 363 → "3.6", 375 → "3.8", 500 → "5.0".
 */
export function formatStars(ratingX100: number): string {
  const tenths = Math.floor((Math.max(0, ratingX100) + 5) / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** A change in rating × 100 as signed stars with one decimal: +30 → "+0.3", -120 → "−1.2". */
export function formatStarsDelta(deltaX100: number): string {
  const sign = deltaX100 > 0 ? '+' : deltaX100 < 0 ? '−' : '±';
  return `${sign}${formatStars(Math.abs(deltaX100))}`;
}

/** "1 review", "12 reviews · 9 verified". */
export function reviewCount(count: number, verified?: number): string {
  const base = `${formatCount(count)} ${count === 1 ? 'review' : 'reviews'}`;
  return verified === undefined ? base : `${base} · ${formatCount(verified)} verified`;
}
