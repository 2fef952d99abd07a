import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import { valueScore } from '../../src-shared/market-math';
import { buildCatalogItem } from '../../src-main/engine/catalog/catalog-item';
import { CatalogIndex } from '../../src-main/engine/catalog/catalog-index';
import { syntheticItems } from '../../bench/catalog-list';
import { openTestEngine, type TestEngine } from './helpers';

const PRODUCER = `P${'0'.repeat(42)}`;

function model(slug: string, accuracyBps: Record<string, number>, inputPer1M: number | null, retired = false): CatalogItem {
  return buildCatalogItem({
    modelId: `${PRODUCER}:${slug}`,
    producerKey: PRODUCER,
    listing: {
      slug,
      name: slug,
      description: '',
      tasks: Object.keys(accuracyBps),
      industries: [],
      modality: 'text',
      contextWindow: 8_192,
      endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: slug },
      version: '1.0.0',
      claimed: { accuracyBps, latencyP50Ms: 100, latencyP95Ms: 300, successRateBps: 9_900, throughputTps: 50 },
      retired,
    },
    listingTs: 1,
    price: inputPer1M === null ? null : { modelId: `${PRODUCER}:${slug}`, price: { inputPer1M, outputPer1M: inputPer1M * 2, perRequest: 0 }, effectiveFrom: 0 },
    profile: null,
  });
}

/** The case: a chat model whose best figure is its support score. */
function market(): CatalogItem[] {
  return [
    model('retail-chat-13b', { chat: 7_319, support: 7_940 }, 1_000_000),
    model('plain-chat', { chat: 8_000 }, 4_000_000),
    model('mid-chat', { chat: 7_500, support: 6_000 }, 500_000),
    model('unpriced-chat', { chat: 9_900 }, null),
    model('retired-chat', { chat: 9_800 }, 100_000, true),
  ];
}

describe('task-true catalog figures', () => {
  it('with a task, sorts and shows that task\'s accuracy, not the best task\'s', () => {
    const index = new CatalogIndex();
    index.upsert(market());
    const { items } = index.list({ filters: { task: 'chat' }, sort: 'accuracy' });
    expect(items.map((i) => i.slug)).toEqual(['unpriced-chat', 'plain-chat', 'mid-chat', 'retail-chat-13b']);
    const retail = items.find((i) => i.slug === 'retail-chat-13b')!;
    expect(retail.figure).toMatchObject({ task: 'chat', scope: 'task', accuracyBps: 7_319, accuracySource: 'claimed' });
    expect(retail.bestAccuracyBps).toBe(7_940);
    expect(retail.bestTask).toBe('support');
  });

  it('without a task, shows and names the best task\'s figure', () => {
    const index = new CatalogIndex();
    index.upsert(market());
    const retail = index.list({ sort: 'accuracy' }).items.find((i) => i.slug === 'retail-chat-13b')!;
    expect(retail.figure).toMatchObject({ task: 'support', scope: 'best', accuracyBps: 7_940 });
    expect(retail.figure.valueScore).toBe(retail.valueScore);
  });

  it('ranks value within the task among active priced models, in the order of the value sort', () => {
    const index = new CatalogIndex();
    index.upsert(market());
    const { items } = index.list({ filters: { task: 'chat' }, sort: 'value' });
    const ranked = items.filter((i) => i.figure.valueRank !== null);
    expect(ranked.map((i) => i.figure.valueRank)).toEqual([1, 2, 3]);
    expect(ranked.every((i) => i.figure.valueOf === 3)).toBe(true);
    for (const i of ranked) expect(i.figure.valueScore).toBe(valueScore(i.metrics.accuracyBps.chat!.value, i.referenceCost!));
    expect(items.find((i) => i.slug === 'unpriced-chat')!.figure).toMatchObject({ valueRank: null, valueScore: 0 });
    expect(index.list({ filters: { task: 'chat', includeRetired: true } }).items.find((i) => i.slug === 'retired-chat')!.figure.valueRank).toBeNull();
  });

  it('sorts every task of a synthetic market as a plain sort by that task\'s figure would', () => {
    const items = syntheticItems(400);
    const index = new CatalogIndex();
    index.upsert(items);
    for (const task of new Set(items.flatMap((i) => i.tasks))) {
      for (const sort of ['accuracy', 'value'] as const) {
        const got = index.list({ filters: { task }, sort, limit: 500 }).items;
        const key = (i: (typeof got)[number]) => (sort === 'accuracy' ? i.figure.accuracyBps : i.figure.valueScore);
        const expected = items
          .filter((i) => i.tasks.includes(task))
          .map((i) => index.row(i.id, task)!)
          .sort((a, b) => key(b) - key(a) || (a.id < b.id ? -1 : 1));
        expect(got.map((i) => i.id)).toEqual(expected.map((i) => i.id));
      }
    }
  });

  it('re-ranks after a price change', () => {
    const index = new CatalogIndex();
    const items = market();
    index.upsert(items);
    expect(index.row(items[1]!.id, 'chat')!.figure.valueRank).toBe(3);
    index.upsert([model('plain-chat', { chat: 8_000 }, 10_000)]);
    expect(index.row(items[1]!.id, 'chat')!.figure.valueRank).toBe(1);
    expect(index.list({ filters: { task: 'chat' }, sort: 'value' }).items[0]!.slug).toBe('plain-chat');
  });
});

describe('task-true figures through the contract', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('catalog.list, catalog.get and catalog.compare carry the task\'s figure and value rank', async () => {
    t = await openTestEngine();
    const items = market();
    t.engine.catalogIndex.upsert(items);
    const list = await t.call('catalog.list', { filters: { task: 'chat' }, sort: 'accuracy' });
    expect(list.items.map((i) => i.figure.accuracyBps)).toEqual([9_900, 8_000, 7_500, 7_319]);
    const retail = items[0]!.id;
    expect((await t.call('catalog.get', { id: retail })).figure).toMatchObject({ task: 'support', scope: 'best' });
    expect((await t.call('catalog.get', { id: retail, task: 'chat' })).figure).toMatchObject({ task: 'chat', scope: 'task', accuracyBps: 7_319 });
    const compared = await t.call('catalog.compare', { ids: [retail, items[1]!.id, items[2]!.id], task: 'chat' });
    expect(compared.models.map((m) => m.figure.accuracyBps)).toEqual([7_319, 8_000, 7_500]);
    const rank = compared.rows.find((r) => r.key === 'valueRank')!;
    expect(rank.values).toEqual(compared.models.map((m) => m.figure.valueRank));
    expect(rank.best).toEqual([rank.values.indexOf(1)]);
    expect(compared.rows.find((r) => r.key === 'accuracyBps')!.label).toBe('Accuracy · chat');
  });
});
