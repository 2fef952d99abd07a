import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import type { AppError } from '../../src-shared/errors';
import { buildCatalogItem } from '../../src-main/engine/catalog/catalog-item';
import { emptyStats, recordOutcome, type ModelStats } from '../../src-main/engine/routing/estimates';
import { plan, type PlanContext } from '../../src-main/engine/routing/planner';
import { randomFromSeed } from '../../src-main/engine/routing/sampling';
import { TaskTables } from '../../src-main/engine/routing/task-table';

const KEY_A = 'A'.repeat(43);
const KEY_B = 'B'.repeat(43);

function model(producer: string, slug: string, accuracy: number, inputPer1M: number, p95 = 500, opts: Partial<{ retired: boolean; unpriced: boolean }> = {}): CatalogItem {
  return buildCatalogItem({
    modelId: `${producer}:${slug}`,
    producerKey: producer,
    listing: {
      slug,
      name: slug,
      description: '',
      tasks: ['code'],
      industries: [],
      modality: 'text',
      contextWindow: 8_192,
      endpoint: { baseUrl: 'http://127.0.0.1:1/v1', model: slug },
      version: '1',
      claimed: { accuracyBps: { code: accuracy }, latencyP50Ms: Math.round(p95 / 2), latencyP95Ms: p95, successRateBps: 9_900, throughputTps: 50 },
      retired: opts.retired ?? false,
    },
    listingTs: 0,
    price: opts.unpriced ? null : { modelId: `${producer}:${slug}`, price: { inputPer1M, outputPer1M: inputPer1M, perRequest: 0 }, effectiveFrom: 0 },
    profile: null,
  });
}

const MARKET = [
  model(KEY_A, 'cheap', 6_000, 1_000_000, 400),
  model(KEY_A, 'balanced', 8_500, 2_000_000, 600),
  model(KEY_B, 'premium', 9_500, 10_000_000, 900),
  model(KEY_B, 'fast', 7_000, 3_000_000, 100),
];

function ctx(over: Partial<PlanContext> = {}): PlanContext {
  return {
    task: 'code',
    items: MARKET,
    constraints: {},
    strategy: 'best-value',
    weights: { quality: 40, price: 40, latency: 10, reliability: 10 },
    inputTokens: 1_000,
    outputTokens: 1_000,
    stats: () => undefined,
    inCooldown: () => false,
    remainingBudget: null,
    balance: null,
    explorationBps: 0,
    random: randomFromSeed('test'),
    ...over,
  };
}

const first = (c: PlanContext) => plan(c).ranked[0]!.modelId.split(':')[1];

describe('the routing planner', () => {
  it('each strategy picks what its name says', () => {
    expect(first(ctx({ strategy: 'cheapest' }))).toBe('cheap');
    expect(first(ctx({ strategy: 'fastest' }))).toBe('fast');
    expect(first(ctx({ strategy: 'best-quality' }))).toBe('premium');
    expect(first(ctx({ strategy: 'best-value' }))).toBe('balanced');
  });

  it('price weighs in: with price weight 0 quality wins, with price weight high the cheap model wins', () => {
    expect(first(ctx({ weights: { quality: 100, price: 0, latency: 0, reliability: 0 } }))).toBe('premium');
    expect(first(ctx({ weights: { quality: 10, price: 90, latency: 0, reliability: 0 } }))).toBe('cheap');
  });

  it('every candidate carries its score parts and estimated cost', () => {
    const result = plan(ctx());
    const balanced = result.ranked.find((c) => c.modelId.endsWith(':balanced'))!;
    // cost = ceil(1,000 × 2,000,000 / 1e6) × 2 = 4,000 micro-credits
    expect(balanced.estimatedCost).toBe(4_000);
    // the cheapest costs 2,000: twice that sits log(2)/log(100) of the way to zero
    expect(balanced.parts.price).toBe(Math.round(1000 * (1 - Math.log(4_001 / 2_001) / Math.log(100))));
    expect(balanced.parts.quality).toBe(Math.round((8_500 * 1000) / 9_500));
    expect(balanced.sources).toEqual({ quality: 'claimed', latency: 'claimed', reliability: 'claimed' });
  });

  it('hard constraints exclude and are counted per constraint', () => {
    const result = plan(ctx({ constraints: { maxCostPerCall: 5_000, minAccuracyBps: 6_500, denyModels: [`${KEY_B}:fast`] } }));
    expect(result.ranked.map((c) => c.modelId.split(':')[1])).toEqual(['balanced']);
    expect(result.excluded).toEqual({ denyModels: 1, maxCostPerCall: 1, minAccuracyBps: 1 });
    expect(result.excludedModels).toContainEqual({ modelId: `${KEY_B}:premium`, constraint: 'maxCostPerCall' });
  });

  it('a pinned model is the only candidate', () => {
    expect(plan(ctx({ constraints: { pinnedModel: `${KEY_B}:premium` } })).ranked.map((c) => c.modelId)).toEqual([`${KEY_B}:premium`]);
  });

  it('NO_ROUTE names the constraint that emptied the set', () => {
    const run = (c: PlanContext) => {
      try {
        plan(c);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected NO_ROUTE');
    };
    const noRoute = run(ctx({ constraints: { allowProducers: [KEY_A], maxLatencyP95Ms: 300 } }));
    expect(noRoute.code).toBe('NO_ROUTE');
    expect((noRoute.details as { constraint: string }).constraint).toBe('maxLatencyP95Ms');
    expect(noRoute.message).toContain('maxLatencyP95Ms');
    const budget = run(ctx({ remainingBudget: 1_999 }));
    expect((budget.details as { constraint: string }).constraint).toBe('budget');
    expect((run(ctx({ task: 'legal', items: [] })).details as { constraint: string }).constraint).toBe('task');
  });

  it('retired and unpriced models are never routed', () => {
    const result = plan(ctx({ items: [...MARKET, model(KEY_A, 'old', 9_999, 1, 1, { retired: true }), model(KEY_A, 'free', 9_999, 0, 1, { unpriced: true })] }));
    expect(result.excluded).toEqual({ retired: 1, unpriced: 1 });
  });

  it('observed failures and slowness move the decision', () => {
    const slow: ModelStats = emptyStats();
    for (let i = 0; i < 40; i++) recordOutcome(slow, i % 2 === 0, 5_000);
    const stats = (id: string) => (id.endsWith(':balanced') ? slow : undefined);
    const before = plan(ctx()).ranked.find((c) => c.modelId.endsWith(':balanced'))!;
    const after = plan(ctx({ stats })).ranked.find((c) => c.modelId.endsWith(':balanced'))!;
    expect(after.latencyP95Ms).toBe(5_000);
    expect(after.sources.latency).toBe('measured');
    expect(after.successRateBps).toBeLessThan(before.successRateBps);
    expect(after.score).toBeLessThan(before.score);
  });

  it('exploration is bounded: it never picks a candidate far below the best mean score', () => {
    const result = (seed: string) => plan(ctx({ explorationBps: 1_000, random: randomFromSeed(seed) }));
    const best = plan(ctx()).ranked[0]!;
    for (let i = 0; i < 200; i++) {
      const chosen = result(`seed-${i}`).ranked[0]!;
      expect(chosen.score * 10_000).toBeGreaterThanOrEqual(best.score * 9_000);
    }
  });

  it('exploration gives an untested close competitor a share of the decisions', () => {
    const twin = model(KEY_B, 'newcomer', 8_450, 2_000_000, 600);
    let newcomer = 0;
    for (let i = 0; i < 400; i++) {
      const chosen = plan(ctx({ items: [...MARKET, twin], explorationBps: 1_000, random: randomFromSeed(`s${i}`) })).ranked[0]!;
      if (chosen.modelId.endsWith(':newcomer')) newcomer++;
    }
    expect(newcomer).toBeGreaterThan(20);
    expect(newcomer).toBeLessThan(380);
  });

  it('a kept table follows models swapped in place and stats gained, deciding as a fresh one does', () => {
    const list = [...MARKET];
    const learned = new Map<string, ModelStats>();
    const tables = new TaskTables((id) => learned.get(id), () => learned.size);
    const kept = (over: Partial<PlanContext> = {}) => plan({ ...ctx({ items: list, stats: (id) => learned.get(id), ...over }), table: tables.of('code', list) });
    const fresh = (over: Partial<PlanContext> = {}) => plan(ctx({ items: list, stats: (id) => learned.get(id), ...over }));
    expect(kept().ranked[0]!.modelId).toBe(`${KEY_A}:balanced`);
    // The catalog index swaps a refreshed model in place: premium's price drops tenfold.
    list[2] = model(KEY_B, 'premium', 9_500, 1_000_000, 900);
    expect(kept()).toEqual(fresh());
    expect(kept().ranked[0]!.modelId).toBe(`${KEY_B}:premium`);
    // Observed failures arrive for a model that had no stats yet, then more for it in place.
    const flaky = emptyStats();
    learned.set(`${KEY_B}:premium`, flaky);
    for (let i = 0; i < 30; i++) recordOutcome(flaky, i % 2 === 0, 9_000);
    const slowOnly = { constraints: { maxLatencyP95Ms: 5_000 } };
    expect(kept(slowOnly)).toEqual(fresh(slowOnly));
    expect(kept(slowOnly).excluded).toEqual({ maxLatencyP95Ms: 1 });
    recordOutcome(flaky, false, 0);
    for (const strategy of ['best-value', 'cheapest', 'fastest', 'best-quality'] as const) expect(kept({ strategy })).toEqual(fresh({ strategy }));
    expect(kept().ranked.find((c) => c.modelId === `${KEY_B}:premium`)).toMatchObject({ latencyP95Ms: 9_000, sources: { latency: 'measured', reliability: 'measured' } });
  });
});
