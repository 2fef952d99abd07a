import { describe, expect, it } from 'vitest';
import { modelIdOf } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import type { AppliedEntry } from '../../src-main/engine/ledger/ledger-index';
import type { SignedRecord } from '../../src-main/engine/records/signed';
import { reviewsDocOf, submitReview, type ReviewContext, type StoredReview } from '../../src-main/engine/reviews';

/**
 * Review submit with plain fakes of its port (reviews/context.ts): no Engine is opened. What it
 * publishes is read back from the fake's publish callback.
 */
describe('review submit through its port', () => {
  const NOW = 1_790_000_000_000;
  const me = generateSigningKey();
  const producer = generateSigningKey();
  const modelId = modelIdOf(producer.publicKey, 'support-bot');
  const charge = (identity: string, model: string) => ({ hash: 'c'.repeat(64), kind: 'charge', body: { kind: 'charge', identity, memo: { modelId: model } } }) as unknown as AppliedEntry;

  function fakeContext(options: { entries?: AppliedEntry[]; current?: StoredReview; sameParty?: boolean } = {}) {
    const published: Array<{ doc: string; records: SignedRecord[] }> = [];
    const context: ReviewContext = {
      clock: () => NOW,
      keys: { identity: me },
      producerKey: () => me,
      catalog: { listing: (id) => (id === modelId ? ({ slug: 'support-bot' } as never) : null) },
      parties: { sameParty: (a, b) => a === b || (options.sameParty ?? false) },
      ledger: { entry: (hash) => options.entries?.find((e) => e.hash === hash) },
      reviews: {
        review: (model, reviewer) => (model === modelId && reviewer === me.publicKey ? options.current : undefined),
        reviewsOf: () => [],
        reply: () => undefined,
        authorFirstSeen: () => NOW,
        nextFeedbackSeq: () => 1,
        feedback: () => ({ up: 0, down: 0 }),
      },
      decision: () => undefined,
      publish: async (doc, records) => {
        published.push({ doc, records });
      },
    };
    return { context, published };
  }

  it('signs the review with the local identity at the port clock and publishes it to the model reviews document', async () => {
    const { context, published } = fakeContext({ entries: [charge(me.publicKey, modelId)] });
    const hash = await submitReview(context, { modelId, rating: 4, text: 'Good answers', task: 'support', chargeHash: 'c'.repeat(64) });
    expect(published).toHaveLength(1);
    const [{ doc, records }] = published as [{ doc: string; records: SignedRecord[] }];
    expect(doc).toBe(reviewsDocOf(modelId));
    expect(records.map((r) => r.hash)).toEqual([hash]);
    expect(records[0]!.payload).toMatchObject({
      kind: 'review',
      subject: `review:${modelId}`,
      seq: 1,
      ts: NOW,
      author: me.publicKey,
      body: { modelId, rating: 4, text: 'Good answers', task: 'support', chargeHash: 'c'.repeat(64), retracted: false },
    });
  });

  it('an edit takes the next seq after the review the port holds', async () => {
    const current = { seq: 3, body: { modelId, rating: 2, text: 'meh', retracted: false } } as unknown as StoredReview;
    const { context, published } = fakeContext({ current });
    await submitReview(context, { modelId, rating: 5, text: 'Better now' });
    expect(published[0]!.records[0]!.payload.seq).toBe(4);
  });

  it('refuses, publishing nothing: an unknown model, a review by the producer party, and charges that are not the reviewer usage of this model', async () => {
    const refusals: Array<[Parameters<typeof fakeContext>[0], Omit<Parameters<typeof submitReview>[1], 'modelId'> & { modelId?: string }, string]> = [
      [{}, { modelId: modelIdOf(producer.publicKey, 'missing'), rating: 5, text: 'x' }, 'NOT_FOUND'],
      [{ sameParty: true }, { rating: 5, text: 'my own' }, 'FORBIDDEN'],
      [{}, { rating: 5, text: 'x', chargeHash: 'c'.repeat(64) }, 'INVALID_INPUT'],
      [{ entries: [charge(producer.publicKey, modelId)] }, { rating: 5, text: 'x', chargeHash: 'c'.repeat(64) }, 'INVALID_INPUT'],
      [{ entries: [charge(me.publicKey, modelIdOf(producer.publicKey, 'other'))] }, { rating: 5, text: 'x', chargeHash: 'c'.repeat(64) }, 'INVALID_INPUT'],
    ];
    for (const [options, input, code] of refusals) {
      const { context, published } = fakeContext(options);
      const error = await submitReview(context, { modelId, ...input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect(published).toEqual([]);
    }
  });
});
