import { formatBpsPercent, formatCount, formatMoney, formatMs, formatRating } from '../format/numbers';

/** A catalog.compare row value in its unit; the engine names the unit, the UI only formats it. */
export function formatRowValue(value: number | null, unit: string): string {
  if (unit === 'stars×100') return formatRating(value);
  if (value === null) return '—';
  switch (unit) {
    case 'micro-credits':
      return formatMoney(value);
    case 'bps':
      return formatBpsPercent(value);
    case 'ms':
      return formatMs(value);
    case 'tokens/s':
      return `${formatCount(value)} tokens/s`;
    case 'tokens':
      return `${formatCount(value)} tokens`;
    case 'score':
    case 'users':
      return formatCount(value);
    default:
      return `${formatCount(value)} ${unit}`;
  }
}
