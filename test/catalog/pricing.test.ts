import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PRICE_MICRO } from '../../src-shared/money';
import { LISTING, openTestEngine, type TestEngine } from './helpers';

const PRICE = { inputPer1M: 2_000_000, outputPer1M: 6_000_000, perRequest: 1_000 };

describe('the Fixed Pricing Engine', () => {
  let t: TestEngine;
  let now = 1_800_000_000_000;
  afterEach(async () => t?.close());

  async function withModel(): Promise<string> {
    now = 1_800_000_000_000;
    t = await openTestEngine({ clock: () => now });
    await t.call('marketplace.create', { name: 'Test market' });
    const item = await t.call('models.publish', { ...LISTING, price: PRICE });
    return item.id;
  }

  it('a producer sets a new price; history keeps every signed change in order', async () => {
    const id = await withModel();
    now += 1_000;
    const change = await t.call('pricing.set', { modelId: id, price: { inputPer1M: 1_500_000, outputPer1M: 5_000_000, perRequest: 0 } });
    expect(change).toMatchObject({ seq: 2, current: true, referenceCost: 1_500 + 2_500 });
    const history = await t.call('pricing.history', { modelId: id });
    expect(history.map((h) => [h.seq, h.current])).toEqual([[1, false], [2, true]]);
    expect((await t.call('catalog.get', { id })).price).toEqual({ inputPer1M: 1_500_000, outputPer1M: 5_000_000, perRequest: 0 });
  });

  it.each([
    ['negative', { ...PRICE, inputPer1M: -1 }, 'price.inputPer1M', /negative/],
    ['fractional micro-credits', { ...PRICE, outputPer1M: 10.5 }, 'price.outputPer1M', /whole number/],
    ['NaN (null over JSON)', { ...PRICE, perRequest: null }, 'price.perRequest', /number/],
    ['huge', { ...PRICE, inputPer1M: MAX_PRICE_MICRO + 1 }, 'price.inputPer1M', /at most/],
    ['a string', { ...PRICE, inputPer1M: '5' }, 'price.inputPer1M', /number/],
    ['a missing field', { inputPer1M: 1, outputPer1M: 1 }, 'price.perRequest', /number/],
  ])('a %s price gets a specific error and changes nothing', async (_label, price, path, message) => {
    const id = await withModel();
    const before = await t.call('pricing.history', { modelId: id });
    const error = await t.fail('pricing.set', { modelId: id, price });
    expect(error.code).toBe('INVALID_INPUT');
    const issue = (error.details as { issues: Array<{ path: string; message: string }> }).issues[0]!;
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
    expect(await t.call('pricing.history', { modelId: id })).toEqual(before);
  });

  it('Infinity and NaN passed in-process are refused too', async () => {
    const id = await withModel();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect((await t.fail('pricing.set', { modelId: id, price: { ...PRICE, inputPer1M: bad } })).code).toBe('INVALID_INPUT');
    }
  });

  it('a price in the past is refused; a future one takes effect when its time comes', async () => {
    const id = await withModel();
    expect((await t.fail('pricing.set', { modelId: id, price: PRICE, effectiveFrom: now - 3_600_000 })).message).toMatch(/past/);
    const later = { inputPer1M: 9_000_000, outputPer1M: 9_000_000, perRequest: 0 };
    const change = await t.call('pricing.set', { modelId: id, price: later, effectiveFrom: now + 60_000 });
    expect(change.current).toBe(false);
    expect((await t.call('catalog.get', { id })).price).toEqual(PRICE);
    const events: string[] = [];
    t.engine.on((m) => events.push(m.event));
    now += 61_000;
    await t.engine.tick();
    expect((await t.call('catalog.get', { id })).price).toEqual(later);
    expect(events).toContain('catalog.changed');
  });

  it('nobody but the producer can price, retire or edit a model', async () => {
    const id = await withModel();
    const other = await openTestEngine();
    try {
      await other.call('marketplace.create', { name: 'Other' });
      const forbidden = await other.fail('pricing.set', { modelId: id, price: PRICE });
      expect(forbidden.code).toBe('FORBIDDEN');
      expect((await other.fail('models.retire', { modelId: id })).code).toBe('FORBIDDEN');
    } finally {
      await other.close();
    }
  });

  it('retiring keeps the listing in history but takes it out of the list', async () => {
    const id = await withModel();
    await t.call('models.retire', { modelId: id });
    expect((await t.call('catalog.list', {})).total).toBe(0);
    const withRetired = await t.call('catalog.list', { filters: { includeRetired: true } });
    expect(withRetired.items.map((i) => [i.id, i.retired])).toEqual([[id, true]]);
    expect((await t.call('pricing.history', { modelId: id })).length).toBe(1);
  });

  it('editing a listing raises its seq and survives a restart', async () => {
    const id = await withModel();
    await t.call('models.publish', { ...LISTING, name: 'Contract Reader Pro' });
    const dir = t.dir;
    await t.engine.close();
    const reopened = await openTestEngine({ dir, clock: () => now });
    try {
      expect((await reopened.call('catalog.get', { id })).name).toBe('Contract Reader Pro');
      expect((await reopened.call('catalog.get', { id })).price).toEqual(PRICE);
      expect((await reopened.call('system.health', {})).counts.quarantined).toBe(0);
    } finally {
      await reopened.close();
    }
    t = await openTestEngine();
  });

  it('a producer profile is signed, shown on its models, and counted', async () => {
    await withModel();
    const me = await t.call('producers.setProfile', { name: 'Lexicon Labs', description: 'Legal models', contact: 'a@b.c', website: 'https://lexicon.example' });
    expect(me).toMatchObject({ isMe: true, models: 1, profile: { name: 'Lexicon Labs' } });
    expect((await t.call('catalog.list', {})).items[0]!.producerName).toBe('Lexicon Labs');
  });

  it('publishing needs a marketplace first', async () => {
    t = await openTestEngine();
    expect((await t.fail('models.publish', LISTING)).code).toBe('NOT_READY');
  });
});
