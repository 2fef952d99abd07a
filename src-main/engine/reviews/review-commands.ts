import { producerOf } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { ReviewBody } from '../../../src-shared/reviews';
import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import { draftOf, signRecord } from '../records/signed';
import { observationDocOf } from '../routing/observations';

export const reviewsDocOf = (modelId: string): string => `reviews/${modelId}`;

function requireModel(engine: Engine, modelId: string): void {
  if (!engine.catalog.listing(modelId)) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
}

function invalid(path: string, message: string): AppError {
  return new AppError('INVALID_INPUT', `Invalid input at ${path}: ${message}`, { issues: [{ path, message }] });
}

/** Signs the local identity's review of a model (a new one, or an edit with a higher seq). */
export async function submitReview(engine: Engine, input: Omit<ReviewBody, 'retracted'>): Promise<string> {
  requireModel(engine, input.modelId);
  const me = engine.keys.identity.publicKey;
  // Its own key or a key linked to it as a device: one party either way (identity/party-links.ts).
  if (engine.book.parties.sameParty(me, producerOf(input.modelId))) throw new AppError('FORBIDDEN', 'A producer cannot review its own models (nor can its devices)', { modelId: input.modelId });
  if (input.chargeHash) {
    const entry = engine.ledger.entry(input.chargeHash);
    if (!entry || entry.kind !== 'charge') throw invalid('chargeId', 'no charge with this hash in the ledger');
    if (entry.body.identity !== me) throw invalid('chargeId', 'this charge was paid by someone else');
    if (entry.body.memo?.modelId !== input.modelId) throw invalid('chargeId', 'this charge is for another model');
  }
  const current = engine.reviews.review(input.modelId, me);
  const record = signRecord(engine.keys.identity, draftOf('review', `review:${input.modelId}`, (current?.seq ?? 0) + 1, { ...input, retracted: false }, engine.clock()));
  await engine.publish(reviewsDocOf(input.modelId), [record]);
  return record.hash;
}

export async function retractReview(engine: Engine, modelId: string): Promise<void> {
  const me = engine.keys.identity.publicKey;
  const current = engine.reviews.review(modelId, me);
  if (!current || current.body.retracted) throw new AppError('NOT_FOUND', 'You have no review of this model to retract', { modelId });
  const record = signRecord(engine.keys.identity, draftOf('review', `review:${modelId}`, current.seq + 1, { ...current.body, retracted: true }, engine.clock()));
  await engine.publish(reviewsDocOf(modelId), [record]);
}

/** The producer answers a review of one of its models, signed with its key, shown under the review. */
export async function replyToReview(engine: Engine, modelId: string, reviewer: string, text: string): Promise<void> {
  const me = producerKeyOf(engine.keys).publicKey;
  if (producerOf(modelId) !== me) throw new AppError('FORBIDDEN', `Only the producer of ${modelId} can reply to its reviews`, { modelId });
  const review = engine.reviews.review(modelId, reviewer);
  if (!review || review.body.retracted) throw new AppError('NOT_FOUND', 'No such review to reply to', { modelId, reviewer });
  const seq = (engine.reviews.reply(modelId, reviewer)?.seq ?? 0) + 1;
  const record = signRecord(producerKeyOf(engine.keys), draftOf('review-reply', `reply:${modelId}:${reviewer}`, seq, { modelId, reviewer, text }, engine.clock()));
  await engine.publish(reviewsDocOf(modelId), [record]);
}

/** Thumbs up/down on one routed call: signed, it moves the routing quality estimate for every peer. */
export async function submitFeedback(engine: Engine, decisionId: string, up: boolean, note?: string): Promise<{ hash: string; modelId: string; chargeHash: string | null }> {
  const decision = engine.router.parts.decisions.find(decisionId);
  if (!decision) throw new AppError('NOT_FOUND', `No routed call with decision ${decisionId}`, { decisionId });
  if (!decision.ok || !decision.answeredBy) throw new AppError('CONFLICT', 'Feedback is for calls that were answered', { decisionId });
  const me = engine.keys.identity;
  const now = engine.clock();
  const body = { modelId: decision.answeredBy, task: decision.task, decisionId, up, ...(note ? { note } : {}) };
  const record = signRecord(me, draftOf('feedback', `feedback:${me.publicKey}`, engine.reviews.nextFeedbackSeq(me.publicKey), body, now));
  await engine.publish(observationDocOf(me.publicKey, now), [record]);
  return { hash: record.hash, modelId: decision.answeredBy, chargeHash: decision.chargeHash };
}
