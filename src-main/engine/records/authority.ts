import type { z } from 'zod';
import { RECORD_BODIES, modelIdOf, producerOf, type RecordPayload } from '../../../src-shared/domain';
import { epochCloseViolation } from '../../../src-shared/rewards';
import type { Parties } from '../identity/party-links';
import { ledgerRecordViolation } from '../ledger/entry-rules';

export interface AuthorityContext {
  /** The marketplace id (its treasury key), once known. */
  marketplaceId: string | null;
  /**
   * The identity ↔ device links known so far, given only when this engine checks a record it is
   * about to sign. Quarantine is final and each peer decides it on arrival, while a link can arrive
   * after the record it concerns: so peers never quarantine on links (their record sets would
   * differ); they leave such records out where figures are read (reviews/review-views.ts,
   * evals/report-standing.ts), which every peer with the same records does alike.
   */
  parties?: Parties;
}

/** A record that may take effect, with its body as its kind's schema parsed it; or why it may not. */
export type AuthorityCheck = { ok: true; body: unknown } | { ok: false; reason: string };

/**
 * Who may sign what (docs/security.md): a model's listing, prices and replies only by the producer
 * named in its id — its identity key itself, never one of its device keys (a grant that depended on a
 * link arriving later would quarantine on one peer what another applied) — a profile only by
 * itself, the marketplace config only by the treasury. Locally, a record is also refused when
 * `ctx.parties` says peers would leave it out (a review by a producer's device). The body is parsed
 * once, here, and handed on (SignedRecord.parsedBody): on a first sync, parsing each body again
 * (schemas with URL checks) was a fifth of the engine thread's work.
 */
export function checkAuthority(payload: RecordPayload, ctx: AuthorityContext): AuthorityCheck {
  const body = RECORD_BODIES[payload.kind].safeParse(payload.body);
  if (!body.success) {
    const issue = body.error.issues[0];
    return { ok: false, reason: `invalid ${payload.kind} body at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const reason = signerViolation({ ...payload, body: body.data } as RecordPayload, ctx);
  return reason === null ? { ok: true, body: body.data } : { ok: false, reason };
}

/** The reason a record must be quarantined, or null when it may take effect. */
export function authorityViolation(payload: RecordPayload, ctx: AuthorityContext): string | null {
  const check = checkAuthority(payload, ctx);
  return check.ok ? null : check.reason;
}

type BodyOf<K extends keyof typeof RECORD_BODIES> = z.output<(typeof RECORD_BODIES)[K]>;

/** A batch lists each hash once, in ascending order, and is named after its first (so no two batches share a slot). */
function batchViolation(subject: string, hashes: readonly string[]): string | null {
  for (let i = 1; i < hashes.length; i++) if (hashes[i - 1]! >= hashes[i]!) return 'batch hashes must be unique and in ascending order';
  return subject === `batch:${hashes[0]}` ? null : 'batch subject must be batch:<its first hash>';
}

/** The rules beyond the body's schema; `payload.body` is already the parsed body. */
function signerViolation(payload: RecordPayload, ctx: AuthorityContext): string | null {
  switch (payload.kind) {
    case 'marketplace-config':
      if (ctx.marketplaceId !== null && payload.author !== ctx.marketplaceId) {
        return `marketplace config signed by ${payload.author}, not by the treasury ${ctx.marketplaceId}`;
      }
      return payload.subject === payload.author ? null : 'marketplace config subject must be the treasury key';
    case 'device-cert':
    case 'profile':
      return payload.subject === payload.author ? null : `${payload.kind} subject must be its author's key`;
    case 'listing': {
      const listing = payload.body as BodyOf<'listing'>;
      if (producerOf(payload.subject) !== payload.author) {
        return `listing ${payload.subject} signed by ${payload.author}, not by its producer`;
      }
      return payload.subject === modelIdOf(payload.author, listing.slug) ? null : 'listing slug does not match its model id';
    }
    case 'review': {
      const review = payload.body as BodyOf<'review'>;
      if (payload.subject !== `review:${review.modelId}`) return 'review subject must be review:<modelId>';
      const producer = producerOf(review.modelId);
      if (producer === payload.author) return `self-review: ${payload.author} produces ${review.modelId}`;
      return ctx.parties?.sameParty(payload.author, producer) ? `self-review: ${payload.author} is a device of the same party as ${producer}, who produces ${review.modelId}` : null;
    }
    case 'review-reply': {
      const reply = payload.body as BodyOf<'review-reply'>;
      if (payload.subject !== `reply:${reply.modelId}:${reply.reviewer}`) return 'reply subject must be reply:<modelId>:<reviewer>';
      return producerOf(reply.modelId) === payload.author ? null : `reply on ${reply.modelId} signed by ${payload.author}, not by its producer`;
    }
    case 'feedback':
      return payload.subject === `feedback:${payload.author}` ? null : 'feedback subject must be feedback:<author>';
    case 'metric-report': {
      const report = payload.body as BodyOf<'metric-report'>;
      if (payload.subject !== `eval:${report.modelId}:${report.task}`) return 'metric report subject must be eval:<modelId>:<task>';
      if (new Set(report.chargeHashes).size !== report.chargeHashes.length) return 'metric report names a charge twice';
      return report.passed <= report.cases ? null : 'metric report passes more cases than it ran';
    }
    case 'observation':
      return payload.subject === `observations:${payload.author}` ? null : 'observation subject must be observations:<author>';
    case 'reward-claim': {
      // Only the form is checkable here; the amount is checked by recomputing the epoch (incentives).
      const claim = payload.body as BodyOf<'reward-claim'>;
      return payload.subject === `reward:${claim.epoch}:${payload.author}` ? null : 'reward claim subject must be reward:<epoch>:<author>, signed by the producer itself';
    }
    case 'epoch-close':
      return epochCloseViolation(payload.author, payload.subject, payload.body as BodyOf<'epoch-close'>, ctx.marketplaceId);
    case 'ledger-entry':
    case 'ledger-checkpoint':
      return ledgerRecordViolation(payload, ctx.marketplaceId);
    case 'batch':
      return batchViolation(payload.subject, (payload.body as BodyOf<'batch'>).hashes);
    case 'price': {
      const price = payload.body as BodyOf<'price'>;
      if (price.modelId !== payload.subject) return 'price subject does not match its model id';
      return producerOf(payload.subject) === payload.author ? null : `price for ${payload.subject} signed by ${payload.author}, not by its producer`;
    }
  }
}
