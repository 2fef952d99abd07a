import { describe, expect, it } from 'vitest';
import { dominates, maxFrontierCost, paretoFrontier, quartiles, valueScore } from '../../src-shared/market-math';

const p = (id: string, cost: number, accuracyBps: number) => ({ id, cost, accuracyBps });

describe('market math', () => {
  it('dominance needs no worse on both axes and better on one', () => {
    expect(dominates(p('b', 10, 9000), p('a', 20, 8000))).toBe(true);
    expect(dominates(p('b', 20, 9000), p('a', 20, 8000))).toBe(true);
    expect(dominates(p('b', 20, 8000), p('a', 20, 8000))).toBe(false);
    expect(dominates(p('b', 10, 7000), p('a', 20, 8000))).toBe(false);
  });

  it('the frontier keeps only undominated points, cheapest first, exact ties included', () => {
    const points = [p('a', 10, 6000), p('b', 20, 8000), p('c', 30, 7000), p('d', 40, 9000), p('e', 20, 8000), p('f', 5, 5000)];
    expect(paretoFrontier(points).map((x) => x.id)).toEqual(['f', 'a', 'b', 'e', 'd']);
    expect(paretoFrontier([])).toEqual([]);
  });

  it('the frontier price bound is just below every more accurate model, equal to an equally accurate one', () => {
    const others = [p('x', 100, 9000), p('y', 80, 8000), p('z', 10, 5000)];
    expect(maxFrontierCost(8500, others)).toBe(99);
    expect(maxFrontierCost(8000, others)).toBe(80);
    expect(maxFrontierCost(9500, others)).toBeNull();
  });

  it('quartiles use the nearest rank and stay integers', () => {
    expect(quartiles([1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ min: 1, q1: 2, median: 4, q3: 6, max: 8 });
    expect(quartiles([5])).toEqual({ min: 5, q1: 5, median: 5, q3: 5, max: 5 });
    expect(quartiles([])).toBeNull();
  });

  it('the value score is accuracy per micro-credit of the reference call, floored', () => {
    expect(valueScore(9000, 999)).toBe(9_000_000);
    expect(valueScore(9000, 0)).toBe(9_000_000_000);
    expect(Number.isInteger(valueScore(7777, 333))).toBe(true);
  });
});
