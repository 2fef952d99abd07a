import { afterEach, describe, expect, it } from 'vitest';
import { LISTING, openTestEngine, type TestEngine } from './helpers';

/** Four legal models of one producer: cost (reference call) and accuracy chosen by hand. */
const MODELS = [
  { slug: 'cheap', accuracy: 6_000, input: 1_000_000 },
  { slug: 'mid', accuracy: 8_000, input: 2_000_000 },
  { slug: 'worse-and-dearer', accuracy: 7_000, input: 3_000_000 },
  { slug: 'best', accuracy: 9_500, input: 8_000_000 },
];

describe('pricing.position and catalog.compare', () => {
  let t: TestEngine;
  afterEach(async () => t?.close());

  async function market(): Promise<Record<string, string>> {
    t = await openTestEngine();
    await t.call('marketplace.create', { name: 'Market' });
    const ids: Record<string, string> = {};
    for (const m of MODELS) {
      const item = await t.call('models.publish', {
        ...LISTING,
        slug: m.slug,
        name: m.slug,
        tasks: ['legal'],
        claimed: { ...LISTING.claimed, accuracyBps: { legal: m.accuracy } },
        price: { inputPer1M: m.input, outputPer1M: m.input, perRequest: 0 },
      });
      ids[m.slug] = item.id;
    }
    return ids;
  }

  it('names who dominates a model and the price range that would put it back on the frontier', async () => {
    const ids = await market();
    const pos = await t.call('pricing.position', { modelId: ids['worse-and-dearer']! });
    // reference call = 1,000 in + 500 out tokens: cost = 1.5 × input per 1M / 1,000
    expect(pos.referenceCost).toBe(4_500);
    expect(pos.dominated).toBe(true);
    expect(pos.dominatedBy.map((d) => d.id)).toEqual([ids.mid]);
    expect(pos.frontier.map((f) => f.id)).toEqual([ids.cheap, ids.mid, ids.best]);
    // 7,000 bps stays undominated only below the 8,000-bps model's cost (3,000): at most 2,999.
    expect(pos.maxFrontierCost).toBe(2_999);
    expect(pos.quartiles).toEqual({ min: 1_500, q1: 1_500, median: 3_000, q3: 4_500, max: 12_000 });
    expect(pos.competitors).toBe(3);
  });

  it('evaluates a candidate price without changing anything', async () => {
    const ids = await market();
    const pos = await t.call('pricing.position', { modelId: ids['worse-and-dearer']!, candidate: { inputPer1M: 1_600_000, outputPer1M: 1_600_000, perRequest: 0 } });
    expect(pos.candidate).toMatchObject({ referenceCost: 2_400, dominated: false, quartile: 'q1-median', valueRank: 2 });
    expect(pos.candidate!.valueRank).toBeLessThan(pos.valueRank!);
    expect((await t.call('pricing.history', { modelId: ids['worse-and-dearer']! })).length).toBe(1);
  });

  it('the most accurate model may charge anything and stay on the frontier', async () => {
    const ids = await market();
    const pos = await t.call('pricing.position', { modelId: ids.best! });
    expect(pos.dominated).toBe(false);
    expect(pos.maxFrontierCost).toBeNull();
  });

  it('compares three models: best per row, workload cost and the frontier scatter', async () => {
    const ids = await market();
    const out = await t.call('catalog.compare', { ids: [ids.cheap!, ids['worse-and-dearer']!, ids.best!], workload: { inputTokens: 2_000, outputTokens: 1_000, requestsPerMonth: 1_000 } });
    expect(out.task).toBe('legal');
    const row = (key: string) => out.rows.find((r) => r.key === key)!;
    expect(row('referenceCost').values).toEqual([1_500, 4_500, 12_000]);
    expect(row('referenceCost').best).toEqual([0]);
    expect(row('accuracyBps').best).toEqual([2]);
    expect(row('accuracyBps').sources).toEqual(['claimed', 'claimed', 'claimed']);
    // per request: ceil(2,000 × p / 1e6) + ceil(1,000 × p / 1e6)
    expect(out.workload.perRequest).toEqual([3_000, 9_000, 24_000]);
    expect(out.workload.perMonth).toEqual([3_000_000, 9_000_000, 24_000_000]);
    expect(out.workload.cheapest).toEqual([0]);
    expect(out.scatter.frontier).toEqual([ids.cheap, ids.mid, ids.best]);
    expect(out.scatter.points.filter((p) => p.compared).map((p) => p.id).sort()).toEqual([ids.cheap, ids['worse-and-dearer'], ids.best].sort());
  });

  it('refuses fewer than two or more than six models and unknown ids', async () => {
    const ids = await market();
    expect((await t.fail('catalog.compare', { ids: [ids.cheap] })).code).toBe('INVALID_INPUT');
    expect((await t.fail('catalog.compare', { ids: Array(7).fill(ids.cheap) })).code).toBe('INVALID_INPUT');
    expect((await t.fail('catalog.compare', { ids: [ids.cheap, ids.cheap] })).code).toBe('INVALID_INPUT');
    const ghost = `${ids.cheap!.split(':')[0]}:ghost`;
    expect((await t.fail('catalog.compare', { ids: [ids.cheap, ghost] })).code).toBe('NOT_FOUND');
  });
});
