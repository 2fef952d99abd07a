import type { Price } from '../../../../src-shared/money';
import { MAX_PRICE_MICRO } from '../../../../src-shared/money';
import { creditsText, parseCredits } from '../../format/parse-input';
import { parseLocalDateTime } from '../../format/time';

/** The price editor as typed: credits for the three components, a local date-time or nothing. */
export interface PriceText {
  inputPer1M: string;
  outputPer1M: string;
  perRequest: string;
  /** `<input type="datetime-local">` value; empty = from now. */
  effectiveFrom: string;
}
export type PriceField = keyof PriceText;

export function priceTextOf(price: Price | null): PriceText {
  return {
    inputPer1M: price ? creditsText(price.inputPer1M) : '',
    outputPer1M: price ? creditsText(price.outputPer1M) : '',
    perRequest: price ? creditsText(price.perRequest) : '0',
    effectiveFrom: '',
  };
}

const LABELS: Record<Exclude<PriceField, 'effectiveFrom'>, string> = {
  inputPer1M: 'Input per 1M tokens',
  outputPer1M: 'Output per 1M tokens',
  perRequest: 'Per request',
};

/** Exact micro-credit price (null while any component does not parse) and the start time, if any. */
export function parsePriceText(text: PriceText): { price: Price | null; effectiveFrom: number | undefined; problems: Partial<Record<PriceField, string>> } {
  const problems: Partial<Record<PriceField, string>> = {};
  const parsed = {} as Record<keyof typeof LABELS, number>;
  for (const field of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
    const result = parseCredits(text[field], { label: LABELS[field], max: MAX_PRICE_MICRO });
    if (result.ok) parsed[field] = result.value;
    else problems[field] = result.message;
  }
  let effectiveFrom: number | undefined;
  if (text.effectiveFrom.trim() !== '') {
    const from = parseLocalDateTime(text.effectiveFrom);
    if (from.ok) effectiveFrom = from.value;
    else problems.effectiveFrom = from.message;
  }
  const price = problems.inputPer1M || problems.outputPer1M || problems.perRequest ? null : { inputPer1M: parsed.inputPer1M, outputPer1M: parsed.outputPer1M, perRequest: parsed.perRequest };
  return { price, effectiveFrom, problems };
}

/** pricing.set issue paths → editor fields ("price.inputPer1M" → inputPer1M). */
export function priceFieldOf(path: string): PriceField | null {
  const field = path.startsWith('price.') ? path.slice('price.'.length) : path;
  return field === 'inputPer1M' || field === 'outputPer1M' || field === 'perRequest' || field === 'effectiveFrom' ? field : null;
}
