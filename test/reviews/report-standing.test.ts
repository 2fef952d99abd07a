import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { weightedMedianBps } from '../../src-main/engine/evals/report-standing';
import type { Incoming } from '../../src-main/engine/sync/ingest-queue';
import { openTestEngine, type TestEngine } from '../catalog/helpers';
import { fixtureModel } from '../adversarial/paid-market';
import { producerAndUser, type TwoSided } from './helpers';

describe('payment-weighted median', () => {
  const at = (bps: number, weight: bigint, hash: string) => ({ bps, weight, hash });
  it('is the value where half the payment lies on each side; an exact half gives the midpoint', () => {
    expect(weightedMedianBps([])).toBeNull();
    expect(weightedMedianBps([at(6_000, 5n, 'a')])).toBe(6_000);
    expect(weightedMedianBps([at(6_000, 5n, 'a'), at(7_000, 5n, 'b'), at(0, 5n, 'c')])).toBe(6_000);
    expect(weightedMedianBps([at(6_000, 5n, 'a'), at(0, 5n, 'b')])).toBe(3_000);
    // One reporter that paid more than all the others together does move it: payment is the vote.
    expect(weightedMedianBps([at(6_000, 5n, 'a'), at(7_000, 5n, 'b'), at(0, 11n, 'c')])).toBe(0);
    expect(weightedMedianBps([at(6_000, 2n ** 70n, 'a'), at(0, 1n, 'b')])).toBe(6_000);
  });
});

describe('a report whose charges have not arrived', () => {
  let model: Awaited<ReturnType<typeof fixtureModel>>;
  let m: TwoSided;
  let third: TestEngine | null = null;
  beforeAll(async () => {
    model = await fixtureModel();
  });
  afterAll(() => model.close());
  afterEach(async () => {
    await third?.close();
    await m?.close();
  });

  it('is pending, then counts once they do, on a peer that received them in that order', async () => {
    m = await producerAndUser(model.url);
    await m.user.call('evals.run', { modelId: m.modelId, task: 'support' });
    third = await openTestEngine();
    await third.engine.adoptMarketplace(m.producer.engine.marketplace.id!);
    const docsOf = (from: TestEngine, prefix: string): Incoming[] =>
      from.engine.docs.docNames().filter((d) => d.startsWith(prefix)).flatMap((doc) => from.engine.docs.records(doc).map(([key, bytes]) => ({ doc, key, bytes })));
    await third.engine.absorb([...docsOf(m.producer, ''), ...docsOf(m.user, 'reviews/'), ...docsOf(m.user, 'identity/')]);
    const [pending] = await third.call('evals.reports', { modelId: m.modelId });
    expect(pending).toMatchObject({ source: 'measured', standing: 'pending' });
    expect(pending!.standingReason).toMatch(/3 of its 3 charges not received yet/);
    expect((await third.call('catalog.get', { id: m.modelId })).metrics.accuracyBps.support).toEqual({ value: 8_000, source: 'claimed' });
    await third.engine.absorb(docsOf(m.user, 'ledger/'));
    expect((await third.call('evals.reports', { modelId: m.modelId }))[0]).toMatchObject({ standing: 'counted', standingReason: null });
    expect((await third.call('catalog.get', { id: m.modelId })).metrics.accuracyBps.support).toEqual({ value: 6_667, source: 'measured' });
  });
});
