import { describe, expect, it } from 'vitest';
import {
  nameProblem,
  parseEpochDays,
  parseFixedPoint,
  parseGraceHours,
  parsePercentToBps,
} from '../../src-renderer/src/onboarding/parse';

const bps = (text: string) => {
  const parsed = parsePercentToBps(text);
  return parsed.ok ? parsed.value : parsed.message;
};

describe('parsePercentToBps', () => {
  it.each([
    ['5', 500],
    ['2.5', 250],
    ['0', 0],
    ['0.01', 1],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.1', 110],
    ['4.35', 435], // 4.35 * 100 is 434.99999999999994
    [' 12.50 ', 1250],
    ['50', 5000],
  ])('%s %% → %i bps exactly', (text, expected) => {
    const parsed = parsePercentToBps(text);
    expect(parsed).toEqual({ ok: true, value: expected });
    if (parsed.ok) expect(Number.isInteger(parsed.value)).toBe(true);
  });

  it.each(['abc', '-1', '50.123', '', '1e2', '5%', '.5', '2,5', '+5'])('rejects %j with a message', (text) => {
    const parsed = parsePercentToBps(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(0);
  });

  it('rejects fees above the contract maximum of 50 %', () => {
    expect(bps('50.01')).toMatch(/at most 50/);
    expect(bps('100')).toMatch(/at most 50/);
  });
});

describe('durations', () => {
  it('converts days to whole seconds', () => {
    expect(parseEpochDays('7')).toEqual({ ok: true, value: 604_800 });
    expect(parseEpochDays('0.5')).toEqual({ ok: true, value: 43_200 });
    expect(parseEpochDays('366')).toEqual({ ok: true, value: 366 * 86_400 });
    expect(parseEpochDays('0').ok).toBe(false);
    expect(parseEpochDays('367').ok).toBe(false);
    expect(parseEpochDays('one week').ok).toBe(false);
  });

  it('converts hours to whole seconds', () => {
    expect(parseGraceHours('24')).toEqual({ ok: true, value: 86_400 });
    expect(parseGraceHours('0')).toEqual({ ok: true, value: 0 });
    expect(parseGraceHours('1.5')).toEqual({ ok: true, value: 5_400 });
    expect(parseGraceHours('721').ok).toBe(false);
    expect(parseGraceHours('-2').ok).toBe(false);
  });

  it('scales fixed-point text without floats', () => {
    expect(parseFixedPoint('123.4', 2)).toBe(12_340);
    expect(parseFixedPoint('1.005', 2)).toBeNull();
  });
});

describe('nameProblem', () => {
  it('requires a non-blank name of at most 120 characters', () => {
    expect(nameProblem('   ')).toMatch(/name/);
    expect(nameProblem('x'.repeat(121))).toMatch(/120/);
    expect(nameProblem(' Acme Exchange ')).toBeNull();
  });
});
