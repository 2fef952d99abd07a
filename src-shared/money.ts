/** Money is integer micro-credits: 1 credit = 1,000,000 micro-credits. Never floating point. */
export const MICRO_PER_CREDIT = 1_000_000;

/** Highest accepted price component: 10,000 credits per 1M tokens or per request. */
export const MAX_PRICE_MICRO = 10_000 * MICRO_PER_CREDIT;

export interface Price {
  inputPer1M: number;
  outputPer1M: number;
  perRequest: number;
}

/** Integer ceil(a * b / 1e6) without leaving the safe-integer range for realistic sizes. */
function ceilPerMillion(tokens: number, pricePer1M: number): number {
  const product = tokens * pricePer1M;
  if (product <= Number.MAX_SAFE_INTEGER) {
    // Exact integer arithmetic while the product is a safe integer (the routing hot path).
    const whole = Math.floor(product / 1_000_000);
    const rest = product - whole * 1_000_000;
    const q = rest < 0 ? whole - 1 : rest >= 1_000_000 ? whole + 1 : whole;
    return product - q * 1_000_000 > 0 ? q + 1 : q;
  }
  const big = BigInt(tokens) * BigInt(pricePer1M);
  return Number((big + 999_999n) / 1_000_000n);
}

/** Cost of one call (docs/architecture.md): ceil(in × pIn / 1e6) + ceil(out × pOut / 1e6) + perRequest. */
export function callCost(price: Price, inputTokens: number, outputTokens: number): number {
  return callCostOf(price.inputPer1M, price.outputPer1M, price.perRequest, inputTokens, outputTokens);
}

/** callCost over a price's three parts (routing keeps prices as columns of numbers). */
export function callCostOf(inputPer1M: number, outputPer1M: number, perRequest: number, inputTokens: number, outputTokens: number): number {
  return ceilPerMillion(inputTokens, inputPer1M) + ceilPerMillion(outputTokens, outputPer1M) + perRequest;
}

/** The reference call that makes prices comparable in lists and sorts: 1,000 input and 500 output tokens. */
export const REFERENCE_CALL = { inputTokens: 1_000, outputTokens: 500 } as const;

export function referenceCallCost(price: Price): number {
  return callCost(price, REFERENCE_CALL.inputTokens, REFERENCE_CALL.outputTokens);
}

/** Fee taken out of (not added to) a cost: floor(cost × feeBps / 10,000). */
export function feeOf(cost: number, feeBps: number): number {
  return Number((BigInt(cost) * BigInt(feeBps)) / 10_000n);
}

/** "1.234567 cr" style formatting from integer micro-credits, without floating point. */
export function formatCredits(micro: number | bigint, fractionDigits = 6): string {
  const exact = BigInt(micro);
  const negative = exact < 0n;
  const abs = negative ? -exact : exact;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').slice(0, fractionDigits);
  const trimmed = frac.replace(/0+$/, '');
  const body = trimmed.length > 0 ? `${whole}.${trimmed}` : `${whole}`;
  return `${negative && body !== '0' ? '-' : ''}${body}`;
}
