import { describe, expect, it } from 'vitest';
import { MAX_PRICE_MICRO } from '../../src-shared/money';
import { creditsText, parseCredits, parsePercentBps, parseWhole } from '../../src-renderer/src/format/parse-input';

const value = (parsed: ReturnType<typeof parseCredits>) => (parsed.ok ? parsed.value : parsed.message);

describe('parseCredits: credits typed as text → exact integer micro-credits', () => {
  it.each([
    ['1.25', 1_250_000],
    ['3', 3_000_000],
    ['0', 0],
    ['0.000001', 1],
    ['.5', 500_000],
    ['2.', 2_000_000],
    [' 0.456 ', 456_000],
    ['12 cr', 12_000_000],
    // Where a float detour goes wrong: 0.29 × 1e6 = 290000.00000000006, 1.005 × 1e6 = 1004999.9999999999.
    ['0.29', 290_000],
    ['1.005', 1_005_000],
    ['4.35', 4_350_000],
    ['10000', 10_000_000_000],
  ])('%s → %i', (text, micro) => {
    expect(parseCredits(text)).toEqual({ ok: true, value: micro });
  });

  it('stays exact up to the largest safe integer', () => {
    expect(parseCredits('9007199254.740991')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(parseCredits('9007199254.740992').ok).toBe(false);
  });

  it.each([
    ['', /enter an amount/],
    ['   ', /enter an amount/],
    ['-1', /must not be negative/],
    ['1.2345678', /at most 6 decimals/],
    ['1,25', /use a dot/],
    ['1,000', /use a dot/],
    ['1e3', /digits with at most one dot/],
    ['abc', /digits with at most one dot/],
    ['1.2.3', /digits with at most one dot/],
    ['.', /digits with at most one dot/],
    ['0x10', /digits with at most one dot/],
  ])('refuses %j', (text, message) => {
    const parsed = parseCredits(text);
    expect(parsed.ok).toBe(false);
    expect(value(parsed)).toMatch(message);
  });

  it('enforces a maximum and names it in credits', () => {
    expect(parseCredits('10000', { max: MAX_PRICE_MICRO }).ok).toBe(true);
    const over = parseCredits('10000.000001', { max: MAX_PRICE_MICRO, label: 'Input price' });
    expect(value(over)).toBe('Input price can be at most 10000 cr.');
  });

  it('round-trips with creditsText', () => {
    for (const micro of [0, 1, 10, 456_000, 1_250_000, 3_000_000, 987_654_321, MAX_PRICE_MICRO]) {
      expect(parseCredits(creditsText(micro))).toEqual({ ok: true, value: micro });
    }
    expect(creditsText(1_250_000)).toBe('1.25');
    expect(creditsText(1)).toBe('0.000001');
    expect(creditsText(3_000_000)).toBe('3');
  });
});

describe('parsePercentBps and parseWhole', () => {
  it('turns a percentage into basis points exactly', () => {
    expect(parsePercentBps('91.5')).toEqual({ ok: true, value: 9_150 });
    expect(parsePercentBps('0.29')).toEqual({ ok: true, value: 29 });
    expect(parsePercentBps('100')).toEqual({ ok: true, value: 10_000 });
    expect(parsePercentBps('75 %')).toEqual({ ok: true, value: 7_500 });
    expect(parsePercentBps('100.01').ok).toBe(false);
    expect(parsePercentBps('91.555').ok).toBe(false);
    expect(parsePercentBps('').ok).toBe(false);
  });

  it('reads whole numbers with or without thousands separators, within bounds', () => {
    expect(parseWhole('128000')).toEqual({ ok: true, value: 128_000 });
    expect(parseWhole('128,000')).toEqual({ ok: true, value: 128_000 });
    expect(parseWhole('1 000 000')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseWhole('12,00').ok).toBe(false);
    expect(parseWhole('1.5').ok).toBe(false);
    expect(parseWhole('-3').ok).toBe(false);
    expect(parseWhole('0', { min: 1 }).ok).toBe(false);
    expect(parseWhole('600001', { max: 600_000, label: 'Latency' })).toEqual({ ok: false, message: 'Latency can be at most 600,000.' });
  });
});
