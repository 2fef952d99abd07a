/**
 * Form numbers are parsed as text into integers: "2.5" % must become exactly 250 bps, and a float
 * detour (2.5 * 100, 0.29 * 100 = 28.999…) is how off-by-one fees happen.
 */
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** "12.34" with at most `decimals` decimals → 1234 (scaled by 10^decimals), or null. */
export function parseFixedPoint(text: string, decimals: number): number | null {
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return null;
  return Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

const MAX_FEE_BPS = 5_000;

/** A fee entered as a percentage: "5" → 500 bps, "2.5" → 250, "0.25" → 25. */
export function parsePercentToBps(text: string): Parsed {
  if (text.trim() === '') return { ok: false, message: 'Enter a fee, e.g. 5 or 2.5.' };
  const bps = parseFixedPoint(text, 2);
  if (bps === null) {
    return { ok: false, message: 'Enter a percentage such as 5 or 2.5 (digits, at most two decimals).' };
  }
  if (bps > MAX_FEE_BPS) return { ok: false, message: 'The fee can be at most 50 %.' };
  return { ok: true, value: bps };
}

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_HOUR = 3_600;

/** Epoch length in days (up to two decimals) → seconds; the contract allows 60 s … 366 days. */
export function parseEpochDays(text: string): Parsed {
  const hundredths = parseFixedPoint(text, 2);
  if (hundredths === null) return { ok: false, message: 'Enter a number of days, e.g. 7 or 0.5.' };
  // 1/100 day = 864 s exactly, so the product stays an integer.
  const seconds = hundredths * (SECONDS_PER_DAY / 100);
  if (seconds < 60) return { ok: false, message: 'An epoch must last at least 0.01 days.' };
  if (seconds > 366 * SECONDS_PER_DAY) return { ok: false, message: 'An epoch can last at most 366 days.' };
  return { ok: true, value: seconds };
}

/** Grace period in hours (up to two decimals) → seconds; the contract allows 0 … 30 days. */
export function parseGraceHours(text: string): Parsed {
  const hundredths = parseFixedPoint(text, 2);
  if (hundredths === null) return { ok: false, message: 'Enter a number of hours, e.g. 24 or 0.' };
  const seconds = hundredths * (SECONDS_PER_HOUR / 100);
  if (seconds > 30 * SECONDS_PER_DAY) return { ok: false, message: 'The grace period can be at most 720 hours (30 days).' };
  return { ok: true, value: seconds };
}

/** The engine trims and allows 1–120 characters; say so before the round trip. */
export function nameProblem(text: string): string | null {
  const name = text.trim();
  if (name === '') return 'Give the marketplace a name.';
  if (name.length > 120) return 'Use at most 120 characters.';
  return null;
}
