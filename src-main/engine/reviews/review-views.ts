import { producerOf } from '../../../src-shared/domain';
import type { ReviewSummary, ReviewView } from '../../../src-shared/reviews';
import type { ReviewViewContext } from './context';
import { bayesianAverageX100, burstHolds, meanX100, weightPct } from './aggregate';
import type { StoredReview } from './review-state';

const DAY = 86_400_000;

/** Verified usage: the review names a charge, by the reviewer's identity, for this very model. */
export function isVerified(context: ReviewViewContext, review: StoredReview): boolean {
  if (!review.body.chargeHash) return false;
  const entry = context.ledger.entry(review.body.chargeHash);
  return entry !== undefined && entry.kind === 'charge' && entry.body.identity === review.reviewer && entry.body.memo?.modelId === review.body.modelId;
}

/**
 * Every non-retracted review of a model with its verification, burst hold and weight now. A review
 * by a key of the producer's own party is left out even when it took effect before the device link
 * that makes it one arrived (authority quarantines it when the link came first).
 */
export function reviewViews(context: ReviewViewContext, modelId: string): ReviewView[] {
  const now = context.clock();
  const producer = producerOf(modelId);
  const live = context.reviews.reviewsOf(modelId).filter((r) => !r.body.retracted && !context.parties.sameParty(r.reviewer, producer));
  const verified = new Map(live.map((r) => [r.hash, isVerified(context, r)]));
  const holds = burstHolds(
    live.map((r) => ({ key: r.hash, rating: r.body.rating, verified: verified.get(r.hash)!, receivedAt: r.receivedAt, authorFirstSeen: context.reviews.authorFirstSeen(r.reviewer), ts: r.ts })),
  );
  const me = context.keys.identity.publicKey;
  return live.map((r) => {
    const heldUntil = holds.get(r.hash) ?? null;
    const reply = context.reviews.reply(modelId, r.reviewer);
    return {
      hash: r.hash,
      modelId,
      reviewer: r.reviewer,
      rating: r.body.rating,
      text: r.body.text,
      task: r.body.task ?? null,
      chargeHash: r.body.chargeHash ?? null,
      verified: verified.get(r.hash)!,
      heldUntil: heldUntil !== null && heldUntil > now ? heldUntil : null,
      weightPct: weightPct(verified.get(r.hash)!, heldUntil, now),
      seq: r.seq,
      ts: r.ts,
      receivedAt: r.receivedAt,
      edited: r.edited,
      reply: reply ? { text: reply.body.text, ts: reply.ts, hash: reply.hash } : null,
      mine: r.reviewer === me,
    };
  });
}

export type ReviewSort = 'helpful' | 'recent' | 'verified';

/**
 * helpful = weight in the aggregate, then how much the text says, then recency (there are no
 * helpfulness votes to game); recent = newest first; verified = verified first, then newest.
 */
export function sortReviews(views: ReviewView[], sort: ReviewSort): ReviewView[] {
  const byTime = (a: ReviewView, b: ReviewView) => b.ts - a.ts || (a.hash < b.hash ? -1 : 1);
  const order: Record<ReviewSort, (a: ReviewView, b: ReviewView) => number> = {
    helpful: (a, b) => b.weightPct - a.weightPct || Math.min(b.text.length, 600) - Math.min(a.text.length, 600) || byTime(a, b),
    recent: byTime,
    verified: (a, b) => Number(b.verified) - Number(a.verified) || byTime(a, b),
  };
  return [...views].sort(order[sort]);
}

export function reviewSummary(context: ReviewViewContext, modelId: string, task: string | null): ReviewSummary {
  const now = context.clock();
  const views = reviewViews(context, modelId).filter((v) => task === null || v.task === task);
  const counted = views.filter((v) => v.weightPct > 0);
  const histogram = [0, 0, 0, 0, 0];
  for (const v of counted) histogram[v.rating - 1]!++;
  const window = (from: number, to: number) => meanX100(counted.filter((v) => v.ts > from && v.ts <= to).map((v) => v.rating));
  return {
    modelId,
    task,
    count: views.length,
    verified: views.filter((v) => v.verified).length,
    held: views.filter((v) => v.heldUntil !== null).length,
    averageX100: bayesianAverageX100(views),
    meanX100: meanX100(counted.map((v) => v.rating)),
    histogram,
    trend: { last30X100: window(now - 30 * DAY, now), previous30X100: window(now - 60 * DAY, now - 30 * DAY) },
    feedback: context.reviews.feedback(modelId),
  };
}
