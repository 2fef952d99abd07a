import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { startSimulator } from '../../src-main/engine/providers/simulator';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';
import { reviewsDocOf } from '../../src-main/engine/reviews/review-commands';
import { copyRecords, producerAndUser, type TwoSided } from './helpers';

const ASK = { task: 'support', messages: [{ role: 'user' as const, content: 'My invoice is wrong' }], expectedOutputTokens: 50 };

describe('signed reviews verified by real usage', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let m: TwoSided;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, latencyMs: 2 });
  });
  afterAll(async () => sim.close());
  afterEach(async () => m?.close());

  it('a user calls the model and leaves a verified review; the producer replies; the user sees the reply', async () => {
    m = await producerAndUser(sim.url);
    const call = await m.user.call('route.call', ASK);
    const review = await m.user.call('reviews.submit', { modelId: m.modelId, rating: 5, text: 'Solved my billing question', task: 'support', chargeId: call.chargeHash });
    expect(review).toMatchObject({ verified: true, weightPct: 100, rating: 5, mine: true });
    const summary = await m.user.call('reviews.summary', { modelId: m.modelId });
    expect(summary).toMatchObject({ count: 1, verified: 1, averageX100: 388, histogram: [0, 0, 0, 0, 1] });
    expect((await m.user.call('catalog.get', { id: m.modelId })).metrics.ratingX100).toEqual({ value: 388, source: 'reviews' });
    await copyRecords(m.user.engine, m.producer.engine);
    const replied = await m.producer.call('reviews.reply', { modelId: m.modelId, reviewer: m.user.engine.keys.identity.publicKey, text: 'Thanks!' });
    expect(replied.reply?.text).toBe('Thanks!');
    await copyRecords(m.producer.engine, m.user.engine);
    const [shown] = (await m.user.call('reviews.list', { modelId: m.modelId })).items;
    expect(shown!.reply?.text).toBe('Thanks!');
  });

  it('a review without a charge is unverified and weighs 0.2; a charge of another model is refused', async () => {
    m = await producerAndUser(sim.url);
    const review = await m.user.call('reviews.submit', { modelId: m.modelId, rating: 1, text: 'never used it' });
    expect(review).toMatchObject({ verified: false, weightPct: 20 });
    expect((await m.user.call('reviews.summary', { modelId: m.modelId })).averageX100).toBe(Math.round((300 * 350 + 20 * 100) / 320));
    const error = await m.user.fail('reviews.submit', { modelId: m.modelId, rating: 5, text: 'x', chargeId: 'a'.repeat(64) });
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('review text with HTML is kept as plain text, never interpreted', async () => {
    m = await producerAndUser(sim.url);
    const text = '<script>alert(1)</script><b>bold</b>';
    expect((await m.user.call('reviews.submit', { modelId: m.modelId, rating: 3, text })).text).toBe(text);
  });

  it('editing raises the seq; a replayed older version never goes back; retract removes it from the aggregate', async () => {
    m = await producerAndUser(sim.url);
    await m.user.call('reviews.submit', { modelId: m.modelId, rating: 2, text: 'first' });
    const first = m.user.engine.docs.records(reviewsDocOf(m.modelId)).map(([, b]) => b);
    await m.user.call('reviews.submit', { modelId: m.modelId, rating: 4, text: 'better now' });
    const [edited] = (await m.user.call('reviews.list', { modelId: m.modelId })).items;
    expect(edited).toMatchObject({ rating: 4, edited: true, seq: 2 });
    await copyRecords(m.user.engine, m.producer.engine);
    await m.producer.engine.absorb(first.map((bytes, i) => ({ doc: reviewsDocOf(m.modelId), key: `replay${i}`, bytes })));
    expect((await m.producer.call('reviews.list', { modelId: m.modelId })).items[0]).toMatchObject({ rating: 4, seq: 2 });
    await m.user.call('reviews.retract', { modelId: m.modelId });
    expect((await m.user.call('reviews.summary', { modelId: m.modelId })).count).toBe(0);
  });

  it('a producer cannot review its own models: refused locally, quarantined when it comes from a peer', async () => {
    m = await producerAndUser(sim.url);
    expect((await m.producer.fail('reviews.submit', { modelId: m.modelId, rating: 5, text: 'mine is great' })).code).toBe('FORBIDDEN');
    const forged = signRecord(m.producer.engine.keys.identity, draftOf('review', `review:${m.modelId}`, 1, { modelId: m.modelId, rating: 5, text: 'great', retracted: false }));
    await m.user.engine.absorb([{ doc: reviewsDocOf(m.modelId), key: forged.hash, bytes: forged.bytes }]);
    expect(m.user.engine.book.quarantine().find((q) => q.hash === forged.hash)?.reason).toMatch(/self-review/);
    expect((await m.user.call('reviews.summary', { modelId: m.modelId })).count).toBe(0);
  });

  it('a review with a broken signature is quarantined', async () => {
    m = await producerAndUser(sim.url);
    const stranger = generateSigningKey();
    const record = signRecord(stranger, draftOf('review', `review:${m.modelId}`, 1, { modelId: m.modelId, rating: 1, text: 'bad', retracted: false }));
    const broken = new Uint8Array(record.bytes);
    broken[3] = broken[3]! ^ 0xff;
    const result = await m.user.engine.absorb([{ doc: reviewsDocOf(m.modelId), key: record.hash, bytes: broken }]);
    expect(m.user.engine.book.quarantine().some((q) => /signature|hash/.test(q.reason))).toBe(true);
    expect(result).toBeDefined();
    expect((await m.user.call('reviews.summary', { modelId: m.modelId })).count).toBe(0);
  });

  it('a burst of reviews from fresh identities is flagged and held out for 72 hours, then counted', async () => {
    let now = Date.now();
    m = await producerAndUser(sim.url, () => now);
    const burst = Array.from({ length: 6 }, (_, i) => signRecord(generateSigningKey(), draftOf('review', `review:${m.modelId}`, 1, { modelId: m.modelId, rating: 1, text: `bad ${i}`, retracted: false }, now)));
    for (const r of burst) {
      now += 60_000;
      await m.user.engine.absorb([{ doc: reviewsDocOf(m.modelId), key: r.hash, bytes: r.bytes }]);
    }
    const held = await m.user.call('reviews.summary', { modelId: m.modelId });
    expect(held).toMatchObject({ count: 6, held: 6, averageX100: null });
    now += 72 * 3_600_000;
    const later = await m.user.call('reviews.summary', { modelId: m.modelId });
    expect(later.held).toBe(0);
    expect(later.averageX100).toBe(Math.round((300 * 350 + 6 * 20 * 100) / (300 + 120)));
  });

  it('thumbs up/down on a call moves the routing quality estimate', async () => {
    m = await producerAndUser(sim.url);
    const call = await m.user.call('route.call', ASK);
    const before = (await m.user.call('route.plan', ASK)).chosen.qualityBps;
    const fb = await m.user.call('feedback.submit', { decisionId: call.decisionId, up: false, note: 'wrong answer' });
    expect(fb).toMatchObject({ modelId: m.modelId, chargeHash: call.chargeHash });
    const after = (await m.user.call('route.plan', ASK)).chosen.qualityBps;
    expect(after).toBeLessThan(before);
    expect((await m.user.call('reviews.summary', { modelId: m.modelId })).feedback).toEqual({ up: 0, down: 1 });
    expect((await m.user.fail('feedback.submit', { decisionId: 'nope', up: true })).code).toBe('NOT_FOUND');
  });
});
