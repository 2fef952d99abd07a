import { producerOf } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { ReviewBody } from '../../../src-shared/reviews';
import { draftOf, signRecord } from '../records/signed';
import { observationDocOf } from '../routing/observations';
import type { ReviewContext } from './context';

export const reviewsDocOf = (modelId: string): string => `reviews/${modelId}`;

function requireModel(context: ReviewContext, modelId: string): void {
  if (!context.catalog.listing(modelId)) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
}

function invalid(path: string, message: string): AppError {
  return new AppError('INVALID_INPUT', `Invalid input at ${path}: ${message}`, { issues: [{ path, message }] });
}

/** Signs the local identity's review of a model (a new one, or an edit with a higher seq). */
export async function submitReview(context: ReviewContext, input: Omit<ReviewBody, 'retracted'>): Promise<string> {
  requireModel(context, input.modelId);
  const me = context.keys.identity.publicKey;
  // Its own key or a key linked to it as a device: one party either way (identity/party-links.ts).
  if (context.parties.sameParty(me, producerOf(input.modelId))) throw new AppError('FORBIDDEN', 'A producer cannot review its own models (nor can its devices)', { modelId: input.modelId });
  if (input.chargeHash) {
    const entry = context.ledger.entry(input.chargeHash);
    if (!entry || entry.kind !== 'charge') throw invalid('chargeId', 'no charge with this hash in the ledger');
    if (entry.body.identity !== me) throw invalid('chargeId', 'this charge was paid by someone else');
    if (entry.body.memo?.modelId !== input.modelId) throw invalid('chargeId', 'this charge is for another model');
  }
  const current = context.reviews.review(input.modelId, me);
  const record = signRecord(context.keys.identity, draftOf('review', `review:${input.modelId}`, (current?.seq ?? 0) + 1, { ...input, retracted: false }, context.clock()));
  await context.publish(reviewsDocOf(input.modelId), [record]);
  return record.hash;
}

export async function retractReview(context: ReviewContext, modelId: string): Promise<void> {
  const me = context.keys.identity.publicKey;
  const current = context.reviews.review(modelId, me);
  if (!current || current.body.retracted) throw new AppError('NOT_FOUND', 'You have no review of this model to retract', { modelId });
  const record = signRecord(context.keys.identity, draftOf('review', `review:${modelId}`, current.seq + 1, { ...current.body, retracted: true }, context.clock()));
  await context.publish(reviewsDocOf(modelId), [record]);
}

/** The producer answers a review of one of its models, signed with its key, shown under the review. */
export async function replyToReview(context: ReviewContext, modelId: string, reviewer: string, text: string): Promise<void> {
  const me = context.producerKey().publicKey;
  if (producerOf(modelId) !== me) throw new AppError('FORBIDDEN', `Only the producer of ${modelId} can reply to its reviews`, { modelId });
  const review = context.reviews.review(modelId, reviewer);
  if (!review || review.body.retracted) throw new AppError('NOT_FOUND', 'No such review to reply to', { modelId, reviewer });
  const seq = (context.reviews.reply(modelId, reviewer)?.seq ?? 0) + 1;
  const record = signRecord(context.producerKey(), draftOf('review-reply', `reply:${modelId}:${reviewer}`, seq, { modelId, reviewer, text }, context.clock()));
  await context.publish(reviewsDocOf(modelId), [record]);
}

/** Thumbs up/down on one routed call: signed, it moves the routing quality estimate for every peer. */
export async function submitFeedback(context: ReviewContext, decisionId: string, up: boolean, note?: string): Promise<{ hash: string; modelId: string; chargeHash: string | null }> {
  const decision = context.decision(decisionId);
  if (!decision) throw new AppError('NOT_FOUND', `No routed call with decision ${decisionId}`, { decisionId });
  if (!decision.ok || !decision.answeredBy) throw new AppError('CONFLICT', 'Feedback is for calls that were answered', { decisionId });
  const me = context.keys.identity;
  const now = context.clock();
  const body = { modelId: decision.answeredBy, task: decision.task, decisionId, up, ...(note ? { note } : {}) };
  const record = signRecord(me, draftOf('feedback', `feedback:${me.publicKey}`, context.reviews.nextFeedbackSeq(me.publicKey), body, now));
  await context.publish(observationDocOf(me.publicKey, now), [record]);
  return { hash: record.hash, modelId: decision.answeredBy, chargeHash: decision.chargeHash };
}
