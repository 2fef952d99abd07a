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
});
