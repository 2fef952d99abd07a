import { producerOf } from '../../../src-shared/domain';
import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import { claimReward } from '../incentives/claim';
import { userAccount } from '../ledger/entry-rules';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';
import { reviewsDocOf } from '../reviews/review-commands';
import { observationDocOf } from '../routing/observations';

const MINUTE = 60_000;
const TEXTS = ['Did the job on the first try.', 'Good answers, a bit slow at times.', 'Solid for our tickets.', 'Had to retry a few times.', 'Great value for the price.'];

/**
 * The demo's incentive history: verified reviews and quick feedback by the local user on the
 * calls it paid for (the only demo user whose identity key still exists: the ledger seeder forgets
 * the others'), the reviews counted as first seen when they were written (seeded history, so no
 * review burst hold applies), the treasury's epoch-close of every epoch past its grace (the local
 * identity holds the demo's treasury key), and the local producer's claims for every final epoch in which it earned a reward except the newest, which it can claim
 * in the producer console. Other producers' rewards stay claimable: their keys are gone.
 */
export async function seedDemoEpoch(engine: Engine, random: () => number): Promise<void> {
  const me = engine.keys.identity;
  const now = engine.clock();
  const charges = engine.ledger.query({ account: userAccount(me.publicKey), kind: 'charge', limit: Number.MAX_SAFE_INTEGER }).items.map((i) => i.entry).reverse();
  const reviews: SignedRecord[] = [];
  const feedback: SignedRecord[] = [];
  const reviewed = new Set<string>();
  for (const charge of charges) {
    const memo = charge.body.memo!;
    // A producer never rates its own models (and the local identity is one: My Model Lab).
    if (producerOf(memo.modelId) === me.publicKey) continue;
    const accuracy = Object.values(engine.catalog.listing(memo.modelId)?.claimed.accuracyBps ?? {})[0] ?? 8_000;
    const ts = Math.min(now - MINUTE, charge.ts + 20 * MINUTE);
    if (!reviewed.has(memo.modelId)) {
      reviewed.add(memo.modelId);
      const rating = Math.max(1, Math.min(5, Math.round((accuracy / 10_000) * 5 + (random() - 0.6) * 1.5)));
      const body = { modelId: memo.modelId, rating, text: TEXTS[Math.floor(random() * TEXTS.length)]!, chargeHash: charge.hash, retracted: false };
      engine.reviews.seedReceipt(memo.modelId, me.publicKey, ts);
      reviews.push(signRecord(me, draftOf('review', `review:${memo.modelId}`, 1, body, ts)));
    }
    if (memo.decisionId && random() < 0.6) {
      const task = engine.catalog.listing(memo.modelId)?.tasks[0] ?? 'chat';
      const body = { modelId: memo.modelId, task, decisionId: memo.decisionId, up: random() * 10_000 < accuracy };
      feedback.push(signRecord(me, draftOf('feedback', `feedback:${me.publicKey}`, engine.reviews.nextFeedbackSeq(me.publicKey) + feedback.length, body, ts)));
    }
  }
  for (const review of reviews) await engine.publish(reviewsDocOf((review.payload.body as { modelId: string }).modelId), [review]);
  const byDoc = new Map<string, SignedRecord[]>();
  for (const record of feedback) {
    const doc = observationDocOf(me.publicKey, record.payload.ts);
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), record]);
  }
  for (const [doc, records] of byDoc) await engine.publish(doc, records);
  // The local identity holds the demo's treasury: it closes every epoch whose grace has ended.
  await engine.epochCloser.catchUp();
  const producer = producerKeyOf(engine.keys).publicKey;
  const earned = engine.rewards.epochs().filter((r) => r.inputs.state === 'final' && (r.amounts.get(producer) ?? 0) > 0);
  // The newest stays unclaimed: the producer console's Claim button has a real reward to collect.
  for (const result of earned.slice(0, -1)) await claimReward(engine, result.window.epoch);
}
