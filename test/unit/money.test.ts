import { describe, expect, it } from 'vitest';
import { MAX_PRICE_MICRO, REFERENCE_CALL, callCost, feeOf, formatCredits, referenceCallCost } from '../../src-shared/money';

const price = (inputPer1M: number, outputPer1M = 0, perRequest = 0) => ({ inputPer1M, outputPer1M, perRequest });

/** The docs/architecture.md formula, computed independently with BigInt. */
function expectedCost(p: ReturnType<typeof price>, inTokens: number, outTokens: number): bigint {
  const ceil = (a: bigint, b: bigint) => (a + b - 1n) / b;
  return ceil(BigInt(inTokens) * BigInt(p.inputPer1M), 1_000_000n) + ceil(BigInt(outTokens) * BigInt(p.outputPer1M), 1_000_000n) + BigInt(p.perRequest);
}

describe('callCost', () => {
  it('rounds each token part up to a whole micro-credit', () => {
    expect(callCost(price(1), 1, 0)).toBe(1);
    expect(callCost(price(1), 999_999, 0)).toBe(1);
    expect(callCost(price(1), 1_000_000, 0)).toBe(1);
    expect(callCost(price(1), 1_000_001, 0)).toBe(2);
    expect(callCost(price(0, 1), 0, 1)).toBe(1);
  });

  it('rounds input and output separately, then adds the per-request price', () => {
    // 1 token at 1 micro/1M in and out: each part rounds up to 1, so 2 — not ceil(2e-6) = 1.
    expect(callCost(price(1, 1), 1, 1)).toBe(2);
    expect(callCost(price(2_000_000, 6_000_000, 1_000), 1_000, 500)).toBe(2_000 + 3_000 + 1_000);
  });

  it('is exact, not rounded twice, when the product divides evenly', () => {
    expect(callCost(price(3_000_000), 1_000_000, 0)).toBe(3_000_000);
    expect(callCost(price(1_500_000, 2_500_000), 2_000, 4_000)).toBe(3_000 + 10_000);
  });

  it('charges nothing for a free model and zero tokens', () => {
    expect(callCost(price(0, 0, 0), 123_456, 654_321)).toBe(0);
    expect(callCost(price(7, 9, 0), 0, 0)).toBe(0);
  });

  it('stays exact where floating point would not (products above 2^53)', () => {
    const p = price(MAX_PRICE_MICRO, MAX_PRICE_MICRO - 1, 17);
    const cost = callCost(p, 123_456_789_012, 98_765_432_101);
    expect(BigInt(cost)).toBe(expectedCost(p, 123_456_789_012, 98_765_432_101));
    expect(Number.isSafeInteger(cost)).toBe(true);
    expect(callCost(price(MAX_PRICE_MICRO), 1_000_000_000, 0)).toBe(10_000_000_000_000);
  });

  it('matches the formula on many odd sizes', () => {
    for (const [pin, pout, req, tin, tout] of [
      [1, 3, 0, 7, 11],
      [999_999, 1_000_001, 5, 1_234_567, 7_654_321],
      [123_457, 0, 0, 999_999, 0],
      [10_000_000_000, 10_000_000_000, 10_000_000_000, 3, 5],
    ] as const) {
      const p = price(pin, pout, req);
      expect(BigInt(callCost(p, tin, tout))).toBe(expectedCost(p, tin, tout));
    }
  });

  it('prices the reference call as 1,000 input and 500 output tokens', () => {
    expect(REFERENCE_CALL).toEqual({ inputTokens: 1_000, outputTokens: 500 });
    expect(referenceCallCost(price(456_000, 977_000, 0))).toBe(456 + 489);
    expect(referenceCallCost(price(1, 1, 2_000))).toBe(2_002);
  });
});

describe('feeOf', () => {
  it('takes floor(cost × feeBps / 10,000)', () => {
    expect(feeOf(999, 500)).toBe(49);
    expect(feeOf(1_000, 500)).toBe(50);
    expect(feeOf(20, 500)).toBe(1);
    expect(feeOf(19, 500)).toBe(0);
    expect(feeOf(1, 9_999)).toBe(0);
    expect(feeOf(123_456, 0)).toBe(0);
    expect(feeOf(123_456, 10_000)).toBe(123_456);
  });

  it('is exact for the largest safe cost', () => {
    expect(feeOf(Number.MAX_SAFE_INTEGER, 500)).toBe(450_359_962_737_049);
    expect(BigInt(feeOf(Number.MAX_SAFE_INTEGER, 4_999))).toBe((BigInt(Number.MAX_SAFE_INTEGER) * 4_999n) / 10_000n);
  });

  it('never makes the producer share exceed the cost', () => {
    for (const cost of [0, 1, 19, 20, 21, 945, 1_000_003]) {
      const fee = feeOf(cost, 500);
      expect(fee).toBeGreaterThanOrEqual(0);
      expect(cost - fee).toBeGreaterThanOrEqual(0);
      expect(fee).toBeLessThanOrEqual(cost);
    }
  });
});

describe('formatCredits', () => {
  it('writes micro-credits as credits with up to six decimals', () => {
    expect(formatCredits(1_234_567)).toBe('1.234567');
    expect(formatCredits(1)).toBe('0.000001');
    expect(formatCredits(999_999)).toBe('0.999999');
  });

  it('trims trailing zeros, and the point with them', () => {
    expect(formatCredits(1_500_000)).toBe('1.5');
    expect(formatCredits(1_230_000)).toBe('1.23');
    expect(formatCredits(1_000_000)).toBe('1');
    expect(formatCredits(0)).toBe('0');
    expect(formatCredits(10_000_000)).toBe('10');
  });

  it('writes negatives with a leading minus', () => {
    expect(formatCredits(-1_500_000)).toBe('-1.5');
    expect(formatCredits(-1)).toBe('-0.000001');
    expect(formatCredits(-2_000_000)).toBe('-2');
  });

  it('truncates (never rounds) to the requested digits', () => {
    expect(formatCredits(1_239_999, 2)).toBe('1.23');
    expect(formatCredits(1_999_999, 0)).toBe('1');
    expect(formatCredits(1_050_000, 2)).toBe('1.05');
    expect(formatCredits(1_001_000, 2)).toBe('1');
  });

  it('is exact for the largest safe amount', () => {
    expect(formatCredits(Number.MAX_SAFE_INTEGER)).toBe('9007199254.740991');
    expect(formatCredits(-Number.MAX_SAFE_INTEGER)).toBe('-9007199254.740991');
  });
});
