import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import type { EventMessage } from '../../src-shared/contract';
import type { Engine } from '../../src-main/engine/engine';
import { Fixture, everything, fail, ok, type Health, type ListResult } from './helpers';

const fx = new Fixture();
let engine: Engine;
let all: CatalogItem[];
let events: EventMessage[];

beforeEach(async () => {
  engine = await fx.open();
  events = [];
  engine.on((m) => events.push(m));
  await ok(engine, 'marketplace.openDemo');
  all = (await everything(engine)).items;
});
afterEach(() => fx.cleanup());

const list = (input: Record<string, unknown>) => ok<ListResult>(engine, 'catalog.list', { limit: 500, ...input });
const ids = (items: CatalogItem[]) => items.map((i) => i.id);

describe('marketplace.openDemo', () => {
  it('fills the folder with a demo marketplace the local identity holds', async () => {
    const health = await ok<Health>(engine, 'system.health');
    expect(health.marketplace).toMatchObject({ name: 'InfiniRoute Demo Marketplace', feeBps: 500, isTreasury: true });
    expect(health.counts.producers).toBeGreaterThanOrEqual(10);
    expect(health.counts.models).toBeGreaterThanOrEqual(60);
    expect(health.counts.quarantined).toBe(0);
    expect(health.counts.models).toBe(all.length);
  });

  it('lists ≥ 10 producers, ≥ 60 models and ≥ 8 tasks, every model id `<producerKey>:<slug>`', async () => {
    expect(new Set(all.map((i) => i.producerKey)).size).toBeGreaterThanOrEqual(10);
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.flatMap((i) => i.tasks)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(ids(all)).size).toBe(all.length);
    for (const item of all) {
      expect(item.id).toBe(`${item.producerKey}:${item.slug}`);
      expect(item.price).not.toBeNull();
      expect(item.referenceCost).toBeGreaterThan(0);
      expect(item.producerName).not.toMatch(/…$/);
    }
  });

  it('keeps the local identity a plain buyer and makes the demo producer key beside it the producer of several models', async () => {
    const { identity } = await ok<Health>(engine, 'system.health');
    expect(identity.demoProducer).toBe(true);
    expect(identity.producerKey).not.toBe(identity.publicKey);
    expect(all.filter((i) => i.producerKey === identity.publicKey)).toEqual([]);
    const mine = all.filter((i) => i.producerKey === identity.producerKey);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mine.map((i) => i.producerName))).toEqual(new Set(['My Model Lab']));
  });

  it('shows latency as measured where the demo observed at least 5 calls, claimed elsewhere', () => {
    const measured = all.filter((i) => i.metrics.latencyP95Ms.source === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.length).toBeLessThan(all.length);
    for (const item of all) {
      expect(item.metrics.successRateBps.source).toBe(item.metrics.latencyP95Ms.source);
      // No evaluation was run by anyone but the producers: accuracy stays claimed.
      for (const accuracy of Object.values(item.metrics.accuracyBps)) expect(accuracy.source).toBe('claimed');
    }
  });

  it('emits catalog.changed with the published ids while it fills the catalog', () => {
    const changed = events.filter((e) => e.event === 'catalog.changed').map((e) => e.payload as { modelIds: string[]; total: number });
    expect(changed.length).toBeGreaterThanOrEqual(10);
    expect(new Set(changed.flatMap((c) => c.modelIds))).toEqual(new Set(ids(all)));
    expect(changed.at(-1)!.total).toBe(all.length);
    expect(events.some((e) => e.event === 'marketplace.changed')).toBe(true);
  });

  it('refuses a second demo with CONFLICT and leaves the catalog as it was', async () => {
    expect((await fail(engine, 'marketplace.openDemo')).code).toBe('CONFLICT');
    expect((await everything(engine)).items).toEqual(all);
  });
});

describe('catalog.get', () => {
  it('returns the item catalog.list returns', async () => {
    for (const item of all.slice(0, 5)) expect(await ok(engine, 'catalog.get', { id: item.id })).toEqual(item);
  });

  it('answers NOT_FOUND for a well-formed id nobody listed', async () => {
    const id = `${all[0]!.producerKey}:no-such-model`;
    expect((await fail(engine, 'catalog.get', { id })).code).toBe('NOT_FOUND');
  });
});

describe('catalog.list search and filters', () => {
  it('searches name, description, producer, tasks and industries, case-insensitively, all terms required', async () => {
    const byName = await list({ query: 'CLAUSE analyst' });
    expect(byName.items.map((i) => i.name)).toEqual(['Clause Analyst 70B']);
    const byProducer = await list({ query: 'codeforge' });
    expect(byProducer.total).toBe(all.filter((i) => i.producerName === 'CodeForge').length);
    expect(byProducer.total).toBeGreaterThan(0);
    expect((await list({ query: 'zzzz-nothing' })).total).toBe(0);
    const byTask = await list({ query: 'translation' });
    for (const item of byTask.items) expect(JSON.stringify([item.name, item.description, item.tasks, item.industries, item.producerName]).toLowerCase()).toContain('translation');
  });

  it('filters by task, industry and producer', async () => {
    const cases: Array<[Record<string, unknown>, (i: CatalogItem) => boolean]> = [
      [{ task: 'code' }, (i) => i.tasks.includes('code')],
      [{ task: 'medical' }, (i) => i.tasks.includes('medical')],
      [{ industry: 'healthcare' }, (i) => i.industries.includes('healthcare')],
      [{ producer: all[7]!.producerKey }, (i) => i.producerKey === all[7]!.producerKey],
    ];
    for (const [filters, keep] of cases) {
      const expected = all.filter(keep);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filters)).toBeLessThan(all.length);
      const result = await list({ filters });
      expect(new Set(ids(result.items))).toEqual(new Set(ids(expected)));
      expect(result.total).toBe(expected.length);
    }
    expect((await list({ filters: { task: 'astrology' } })).total).toBe(0);
  });

  it('bounds the reference-call cost with minCost and maxCost, inclusive', async () => {
    const costs = all.map((i) => i.referenceCost!).sort((a, b) => a - b);
    const low = costs[Math.floor(costs.length / 4)]!;
    const high = costs[Math.floor((costs.length * 3) / 4)]!;
    const result = await list({ filters: { minCost: low, maxCost: high } });
    expect(new Set(ids(result.items))).toEqual(new Set(ids(all.filter((i) => i.referenceCost! >= low && i.referenceCost! <= high))));
    expect(result.items.some((i) => i.referenceCost === low)).toBe(true);
    expect(result.items.some((i) => i.referenceCost === high)).toBe(true);
    expect((await list({ filters: { maxCost: costs[0]! - 1 } })).total).toBe(0);
    expect((await list({ filters: { minCost: costs.at(-1)! + 1 } })).total).toBe(0);
  });

  it('filters on accuracy (best overall, or for the filtered task) and on p95 latency', async () => {
    const threshold = 8_500;
    const best = await list({ filters: { minAccuracyBps: threshold } });
    expect(new Set(ids(best.items))).toEqual(new Set(ids(all.filter((i) => i.bestAccuracyBps >= threshold))));
    const forTask = await list({ filters: { task: 'extraction', minAccuracyBps: threshold } });
    const expected = all.filter((i) => (i.metrics.accuracyBps.extraction?.value ?? -1) >= threshold);
    expect(new Set(ids(forTask.items))).toEqual(new Set(ids(expected)));
    const latencies = all.map((i) => i.metrics.latencyP95Ms.value).sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)]!;
    const fast = await list({ filters: { maxLatencyP95Ms: median } });
    expect(new Set(ids(fast.items))).toEqual(new Set(ids(all.filter((i) => i.metrics.latencyP95Ms.value <= median))));
  });

  it('measured-only keeps exactly the models with measured figures', async () => {
    const measured = all.filter((i) => i.metrics.latencyP95Ms.source === 'measured');
    const result = await list({ filters: { measuredOnly: true } });
    expect(new Set(ids(result.items))).toEqual(new Set(ids(measured)));
    expect((await list({ filters: { measuredOnly: false } })).total).toBe(all.length);
  });

  it('combines filters and a query (all must hold)', async () => {
    const costs = all.map((i) => i.referenceCost!).sort((a, b) => a - b);
    const maxCost = costs[Math.floor(costs.length / 2)]!;
    const result = await list({ query: 'summar', filters: { task: 'summarisation', maxCost } });
    const expected = all.filter(
      (i) => i.tasks.includes('summarisation') && i.referenceCost! <= maxCost && [i.name, i.description, i.producerName, i.slug, ...i.tasks, ...i.industries].join('\n').toLowerCase().includes('summar'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.filter((i) => i.tasks.includes('summarisation')).length);
    expect(new Set(ids(result.items))).toEqual(new Set(ids(expected)));
  });
});

describe('catalog.list sorting and paging', () => {
  /** Checks that consecutive items follow `cmp` (≤ 0), ties broken by ascending id. */
  function expectOrder(items: CatalogItem[], key: (i: CatalogItem) => number | string, desc: boolean) {
    expect(items).toHaveLength(all.length);
    for (let n = 1; n < items.length; n++) {
      const [a, b] = [items[n - 1]!, items[n]!];
      const [ka, kb] = [key(a), key(b)];
      if (ka === kb) expect(a.id < b.id, `tie at ${n} broken by id`).toBe(true);
      else expect(desc ? ka > kb : ka < kb, `order at ${n}: ${ka} then ${kb}`).toBe(true);
    }
  }

  it.each([
    ['price', (i: CatalogItem) => i.referenceCost!, false],
    ['value', (i: CatalogItem) => i.valueScore, true],
    ['accuracy', (i: CatalogItem) => i.bestAccuracyBps, true],
    ['latency', (i: CatalogItem) => i.metrics.latencyP95Ms.value, false],
    ['name', (i: CatalogItem) => i.name.toLowerCase(), false],
    ['recent', (i: CatalogItem) => i.updatedAt, true],
    ['rating', (i: CatalogItem) => i.metrics.ratingX100.value ?? -1, true],
    ['popularity', (i: CatalogItem) => i.metrics.popularity.value, true],
  ] as const)('sorts by %s', async (sort, key, desc) => {
    expectOrder((await list({ sort })).items, key, desc);
  });

  it('sorts by value by default', async () => {
    expect(ids((await list({})).items)).toEqual(ids((await list({ sort: 'value' })).items));
    expect(ids(all)).toEqual(ids((await list({ sort: 'value' })).items));
  });

  it('rates value as accuracy per credit of the reference call', () => {
    for (const item of all) expect(item.valueScore).toBe(Math.floor((item.bestAccuracyBps * 1_000_000) / (item.referenceCost! + 1)));
  });

  it('pages with offset and limit: stable total, pages that add up to the whole list', async () => {
    const whole = ids((await list({ sort: 'price' })).items);
    const pages: string[] = [];
    for (let offset = 0; offset < whole.length; offset += 7) {
      const page = await ok<ListResult>(engine, 'catalog.list', { sort: 'price', offset, limit: 7 });
      expect(page.total).toBe(whole.length);
      expect(page.items.length).toBe(Math.min(7, whole.length - offset));
      pages.push(...ids(page.items));
    }
    expect(pages).toEqual(whole);
    const beyond = await ok<ListResult>(engine, 'catalog.list', { offset: whole.length + 10, limit: 5 });
    expect(beyond).toEqual({ total: whole.length, items: [] });
  });

  it('pages a filtered list against the filtered total', async () => {
    const filtered = await list({ filters: { task: 'extraction' }, sort: 'name' });
    const second = await ok<ListResult>(engine, 'catalog.list', { filters: { task: 'extraction' }, sort: 'name', offset: 3, limit: 4 });
    expect(second.total).toBe(filtered.total);
    expect(ids(second.items)).toEqual(ids(filtered.items.slice(3, 7)));
  });

  it('returns 50 items when no limit is given', async () => {
    const page = await ok<ListResult>(engine, 'catalog.list', {});
    expect(page.total).toBe(all.length);
    expect(page.items).toHaveLength(Math.min(50, all.length));
  });
});
