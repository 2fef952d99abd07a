import { describe, expect, it } from 'vitest';
import { jsonLimitProblem, parseBoundedJson, RECORD_JSON_LIMITS } from '../../src-shared/bounded-json';

const limits = { maxLength: 1000, maxDepth: 4, maxKeys: 3, maxItems: 3 };

describe('bounded JSON', () => {
  it('refuses a value nested 6,000 levels deep without recursing', () => {
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    expect(jsonLimitProblem(deep, RECORD_JSON_LIMITS)).toMatch(/deeper than 32/);
    expect(parseBoundedJson(deep, RECORD_JSON_LIMITS)).toEqual({ ok: false, reason: expect.stringMatching(/deeper/) });
  });

  it('counts depth, keys and items per container, exactly at the limit', () => {
    expect(jsonLimitProblem('[[[[1]]]]', limits)).toBeNull();
    expect(jsonLimitProblem('[[[[[1]]]]]', limits)).toMatch(/deeper than 4/);
    expect(jsonLimitProblem('{"a":1,"b":2,"c":3}', limits)).toBeNull();
    expect(jsonLimitProblem('{"a":1,"b":2,"c":3,"d":4}', limits)).toMatch(/more than 3 keys/);
    expect(jsonLimitProblem('[1,2,3]', limits)).toBeNull();
    expect(jsonLimitProblem('[1,2,3,4]', limits)).toMatch(/more than 3 items/);
    expect(jsonLimitProblem('[[1,2,3],[1,2,3],[1,2,3]]', limits)).toBeNull();
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    expect(jsonLimitProblem('["[[[[[,,,,\\"]]]]"]', limits)).toBeNull();
    expect(parseBoundedJson('{"a":"\\"}"}', limits)).toEqual({ ok: true, value: { a: '"}' } });
  });

  it('refuses text over the length limit before scanning it', () => {
    expect(jsonLimitProblem(`"${'x'.repeat(1000)}"`, limits)).toMatch(/exceeds the limit of 1000/);
  });

  it('reports invalid JSON as a reason, never a throw', () => {
    expect(parseBoundedJson('{"a":', limits)).toEqual({ ok: false, reason: expect.stringMatching(/^not valid JSON/) });
  });
});
