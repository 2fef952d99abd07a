import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys by UTF-16 code unit and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, aa: 4, é: 5, _: 6 })).toBe('{"B":3,"_":6,"a":2,"aa":4,"b":1,"é":5}');
  });

  it('sorts keys at every depth, keeps array order', () => {
    const value = { z: [{ y: 1, x: [3, 2, 1] }, 'q'], a: { d: { c: true, b: null } } };
    expect(canonicalJson(value)).toBe('{"a":{"d":{"b":null,"c":true}},"z":[{"x":[3,2,1],"y":1},"q"]}');
  });

  it('gives the same bytes whatever order the keys were inserted in', () => {
    const one = { kind: 'price', seq: 2, body: { modelId: 'm', price: { perRequest: 0, inputPer1M: 5 } } };
    const two = { body: { price: { inputPer1M: 5, perRequest: 0 }, modelId: 'm' }, seq: 2, kind: 'price' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('escapes strings exactly as JSON does, including in keys', () => {
    expect(canonicalJson({ 'k"\n': 'a"b\\c\u0001é' })).toBe('{"k\\"\\n":"a\\"b\\\\c\\u0001é"}');
  });

  it('drops keys whose value is undefined', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('writes scalars and empty containers', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(-42)).toBe('-42');
    expect(canonicalJson(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it.each([
    ['a float', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
  ])('rejects %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('rejects a float however deeply it is nested', () => {
    expect(() => canonicalJson({ a: [{ b: { c: 0.1 } }] })).toThrow(/safe integers only/);
  });

  it.each([
    ['a bigint', 1n],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['undefined', undefined],
  ])('rejects %s', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('rejects undefined inside an array rather than guessing null', () => {
    expect(() => canonicalJson([1, undefined])).toThrow(TypeError);
  });

  it('gives the same text as the straightforward form, on 500 random values', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const keys = ['a', 'B', 'é', 'aa', '_', 'k"', '10', '2', 'z\n'];
    const make = (depth: number): unknown => {
      const pick = Math.floor(random() * (depth > 3 ? 4 : 6));
      if (pick === 0) return Math.floor(random() * 2_000_001) - 1_000_000;
      if (pick === 1) return random() < 0.5 ? null : random() < 0.5;
      if (pick === 2) return keys[Math.floor(random() * keys.length)]! + String.fromCharCode(1 + Math.floor(random() * 500));
      if (pick === 3) return '';
      if (pick === 4) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--) obj[keys[Math.floor(random() * keys.length)]!] = random() < 0.1 ? undefined : make(depth + 1);
      return obj;
    };
    // The previous form (map/filter/join), kept as the reference. Integer-like keys ('10', '2') are in
    // the mix: JS enumerates them first, so the sort is what puts them in place.
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      const obj = value as Record<string, unknown>;
      return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
    };
    for (let i = 0; i < 500; i++) {
      const value = make(0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });
});
