import { MICRO_PER_CREDIT } from '../../../src-shared/money';
import { parseFixedPoint, type Parsed } from '../onboarding/parse';

export type { Parsed };

/**
 * Text typed into a form → exact integers. Money never passes through a float: "1.25" credits is
 * split at the dot and becomes 1 × 1,000,000 + 250,000 micro-credits, computed in BigInt.
 */

const CREDITS = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/** Credits as typed ("1.25", "0.000001", ".5", "3") → integer micro-credits. */
export function parseCredits(text: string, options: { max?: number; label?: string } = {}): Parsed {
  const label = options.label ?? 'Amount';
  const trimmed = text.trim().replace(/\s*cr$/i, '');
  if (trimmed === '') return { ok: false, message: `${label}: enter an amount in credits, e.g. 1.25.` };
  if (trimmed.startsWith('-')) return { ok: false, message: `${label} must not be negative.` };
  if (trimmed.includes(',')) return { ok: false, message: `${label}: use a dot for decimals and no thousands separators, e.g. 1250.5.` };
  const match = CREDITS.exec(trimmed);
  if (!match) return { ok: false, message: `${label}: enter digits with at most one dot, e.g. 1.25.` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? match[3] ?? '';
  if (fraction.length > 6) return { ok: false, message: `${label}: at most 6 decimals (1 micro-credit is 0.000001 cr).` };
  const micro = BigInt(whole) * BigInt(MICRO_PER_CREDIT) + BigInt(fraction.padEnd(6, '0') || '0');
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (micro > BigInt(max)) return { ok: false, message: `${label} can be at most ${creditsText(max)} cr.` };
  return { ok: true, value: Number(micro) };
}

/** Integer micro-credits → the text a credits input shows ("1.25"), the inverse of parseCredits. */
export function creditsText(micro: number): string {
  const abs = BigInt(Math.abs(micro));
  const whole = abs / BigInt(MICRO_PER_CREDIT);
  const fraction = (abs % BigInt(MICRO_PER_CREDIT)).toString().padStart(6, '0').replace(/0+$/, '');
  return `${micro < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A percentage with up to two decimals → basis points: "91.5" → 9150. */
export function parsePercentBps(text: string, label = 'Percentage'): Parsed {
  if (text.trim() === '') return { ok: false, message: `${label}: enter a percentage, e.g. 91.5.` };
  const bps = parseFixedPoint(text.trim().replace(/\s*%$/, ''), 2);
  if (bps === null) return { ok: false, message: `${label}: enter a number such as 91.5 (at most two decimals).` };
  if (bps > 10_000) return { ok: false, message: `${label} can be at most 100 %.` };
  return { ok: true, value: bps };
}

/** Basis points → the text a percentage input shows: 9150 → "91.5". */
export function percentText(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

const WHOLE = /^\d+$|^\d{1,3}(?:[,_ ]\d{3})+$/;

/** A whole number, optionally grouped by thousands ("128,000"), within [min, max]. */
export function parseWhole(text: string, options: { label?: string; min?: number; max?: number } = {}): Parsed {
  const label = options.label ?? 'Value';
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `${label}: enter a whole number.` };
  if (!WHOLE.test(trimmed)) return { ok: false, message: `${label}: enter a whole number, e.g. 1000 or 1,000.` };
  const digits = trimmed.replace(/[,_ ]/g, '');
  if (digits.length > 15) return { ok: false, message: `${label} is too large.` };
  const value = Number(digits);
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (value < min) return { ok: false, message: `${label} must be at least ${min}.` };
  if (value > max) return { ok: false, message: `${label} can be at most ${max.toLocaleString('en-US')}.` };
  return { ok: true, value };
}

/** An optional field: empty text is "no value", anything else must parse. */
export function optional(text: string, parse: (text: string) => Parsed): Parsed | null {
  return text.trim() === '' ? null : parse(text);
}
