import { formatCredits } from '../../../src-shared/money';

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole numbers with thousands separators: 1234 → "1,234". */
export function formatCount(value: number): string {
  return grouping.format(value);
}

/** "1 model", "1,234 models". */
export function formatPlural(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** Fixed-point integer → decimal text without floating point: (9150, 2) → "91.5". */
function fixedPoint(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(value));
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(decimals, '0').replace(/0+$/, '');
  return `${sign}${formatCount(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** Basis points as a percentage: 9150 → "91.5 %". */
export function formatBpsPercent(bps: number): string {
  return `${fixedPoint(bps, 2)} %`;
}

/** Rating × 100 as stars: 437 → "4.37 / 5". */
export function formatRating(ratingX100: number | null): string {
  return ratingX100 === null ? 'no reviews yet' : `${fixedPoint(ratingX100, 2)} / 5`;
}

export function formatMs(ms: number): string {
  return `${formatCount(ms)} ms`;
}

/** Micro-credits with the unit; always through formatCredits so no float ever touches money. */
export function formatMoney(micro: number): string {
  return `${formatCredits(micro)} cr`;
}

/** Enough of a public key to recognise it; the full key is in the tooltip. */
export function shortKey(key: string): string {
  return key.length <= 10 ? key : `${key.slice(0, 8)}…`;
}

/** Rounds a whole number to a multiple of `step`, halves up, in integers only. */
function roundTo(value: number, step: number): number {
  const q = Math.floor(value / step);
  const r = value - q * step;
  return (2 * r >= step ? q + 1 : q) * step;
}

/**
 * A price read at a glance: three significant digits below one credit (0.000945 cr, 0.744 cr),
 * cents above it (12.35 cr), thousands grouped. The exact figure belongs in a title beside it.
 */
export function formatPrice(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(micro));
  if (abs >= 1_000_000) {
    const rounded = roundTo(abs, 10_000);
    const cents = String((rounded % 1_000_000) / 10_000).padStart(2, '0').replace(/0+$/, '');
    return `${sign}${formatCount(Math.floor(rounded / 1_000_000))}${cents ? `.${cents}` : ''} cr`;
  }
  const digits = String(abs).length;
  const rounded = digits > 3 ? roundTo(abs, 10 ** (digits - 3)) : abs;
  return `${sign}${formatCredits(rounded)} cr`;
}
