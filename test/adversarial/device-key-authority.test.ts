import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { modelIdOf } from '../../src-shared/domain';
import { LISTING } from '../catalog/helpers';
import { addressOfPeer, call, inSync, SyncFixture } from '../sync/helpers';
import { fixtureModel, inject, paidMarket, seeded, sign } from './paid-market';

const fx = new SyncFixture();
let model: Awaited<ReturnType<typeof fixtureModel>>;
beforeAll(async () => {
  model = await fixtureModel();
});
afterAll(() => model.close());
afterEach(() => fx.cleanup());

const ASK = (modelId: string) => ({ task: 'support' as const, messages: [{ role: 'user' as const, content: 'I was charged twice' }], constraints: { pinnedModel: modelId } });
const quarantineReason = (e: Engine, hash: string) => e.book.quarantine().find((q) => q.hash === hash)?.reason;

/**
 * Finding 9: a producer could review its own model through its certified device key (the key that
 * signs its charges). A protocol-following peer writes records signed by the producer's device key
 * into an honest peer's documents: a 5-star review of the producer's model, a reply and a price for
 * it, and a model listed under the device key that the producer's identity then reviews. A third
 * peer meets the review before or after the records linking that key to the producer (seeded).
 */
describe("a producer's device key", () => {
  it('cannot review its own model, reply or price for it: refused locally, replies and prices quarantined, reviews left out whatever the arrival order', { timeout: 150_000 }, async () => {
    const rnd = seeded();
    const m = await paidMarket(fx, model.url, 1);
    const { producer } = m;
    const user = m.users[0]!;
    // The producer pays for a call to its model: its device key signs that charge for it.
    const own = await call(producer, 'route.call', ASK(m.modelId));
    const paid = await call(user, 'route.call', ASK(m.modelId));
    await call(user, 'reviews.submit', { modelId: m.modelId, rating: 2, text: 'often wrong', chargeId: paid.chargeHash });
    await inSync([producer, user], 60_000);

    const device = producer.keys.device;
    const me = producer.keys.identity.publicKey;
    const reviewer = user.keys.identity.publicKey;
    const now = Date.now();
    const review = sign(device, 'review', `review:${m.modelId}`, 1, { modelId: m.modelId, rating: 5, text: 'flawless', chargeHash: own.chargeHash, retracted: false }, now);
    const reply = sign(device, 'review-reply', `reply:${m.modelId}:${reviewer}`, 1, { modelId: m.modelId, reviewer, text: 'you used it wrong' }, now);
    const price = sign(device, 'price', m.modelId, 50, { modelId: m.modelId, price: { inputPer1M: 1, outputPer1M: 1, perRequest: 0 }, effectiveFrom: now }, now);
    const sideModel = modelIdOf(device.publicKey, 'side-model');
    const sideListing = sign(device, 'listing', sideModel, 1, { ...LISTING, slug: 'side-model', name: 'Side model', retired: false }, now);
    const reviewOfSide = sign(producer.keys.identity, 'review', `review:${sideModel}`, 1, { modelId: sideModel, rating: 5, text: 'best there is', retracted: false }, now);

    // A third peer, in the marketplace, meets the review before or after it knows whose key signed it.
    const late = await fx.peer();
    await late.adoptMarketplace(m.marketId);
    const reviewFirst = rnd.next() < 0.5;
    if (reviewFirst) await inject(late, m.marketId, '', [review]);
    await call(late, 'sync.connect', { address: addressOfPeer(producer) });
    await inSync([producer, user, late], 60_000);
    if (!reviewFirst) await inject(late, m.marketId, `catalog/${me}`, [review]);

    await inject(user, m.marketId, `catalog/${me}`, rnd.shuffle([review, reply, price, sideListing, reviewOfSide]));
    expect(quarantineReason(user, reply.hash)).toMatch(/not by its producer/);
    expect(quarantineReason(user, price.hash)).toMatch(/not by its producer/);
    await inSync([producer, user, late], 60_000);

    for (const e of [producer, user, late]) {
      const reviews = await call(e, 'reviews.list', { modelId: m.modelId });
      expect(reviews.items.map((r) => r.reviewer), `seed ${rnd.seed}, review first: ${reviewFirst}`).toEqual([reviewer]);
      expect(reviews.items[0]!.reply).toBeNull();
      expect(await call(e, 'reviews.summary', { modelId: m.modelId })).toMatchObject({ count: 1, verified: 1 });
      expect((await call(e, 'catalog.get', { id: m.modelId })).price?.inputPer1M).toBe(1_000_000);
    }
    // The producer's identity reviewing the model its device key lists: the same party.
    for (const e of [producer, user, late]) expect((await call(e, 'reviews.summary', { modelId: sideModel })).count).toBe(0);
    // Refused locally: an engine will not publish a review by a key of the model's producer.
    const again = sign(device, 'review', `review:${m.modelId}`, 2, { modelId: m.modelId, rating: 5, text: 'still flawless', retracted: false });
    await expect(producer.publish(`reviews/${m.modelId}`, [again])).rejects.toThrow(/self-review/);
  });
});
