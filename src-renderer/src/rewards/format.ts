import { formatBpsPercent, formatCount } from '../format/numbers';

/** Parts per million (the engine's shares) as a percentage, two decimals rounded down like the engine. */
export function formatPpm(ppm: number): string {
  return formatBpsPercent(Math.floor(ppm / 100));
}

/** Exact integer micro-credits, for sums that must visibly add up to the unit. */
export function formatMicro(micro: number): string {
  return `${formatCount(micro)} µcr`;
}
