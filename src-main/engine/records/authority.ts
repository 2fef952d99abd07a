import { RECORD_BODIES, modelIdOf, producerOf, type RecordPayload } from '../../../src-shared/domain';
import { ledgerRecordViolation } from '../ledger/entry-rules';

export interface AuthorityContext {
  /** The marketplace id (its treasury key), once known. */
  marketplaceId: string | null;
}

/**
 * Who may sign what, checkable by anyone from the record alone (DESIGN.md): a model's listing and
 * prices only by the producer named in its id, a profile only by itself, the marketplace config only
 * by the treasury. Returns the reason a record must be quarantined, or null when it may take effect.
 */
export function authorityViolation(payload: RecordPayload, ctx: AuthorityContext): string | null {
  const body = RECORD_BODIES[payload.kind].safeParse(payload.body);
  if (!body.success) {
    const issue = body.error.issues[0];
    return `invalid ${payload.kind} body at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
  }
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
      const listing = RECORD_BODIES.listing.parse(payload.body);
      if (producerOf(payload.subject) !== payload.author) {
        return `listing ${payload.subject} signed by ${payload.author}, not by its producer`;
      }
      return payload.subject === modelIdOf(payload.author, listing.slug) ? null : 'listing slug does not match its model id';
    }
    case 'review': {
      const review = RECORD_BODIES.review.parse(payload.body);
      if (payload.subject !== `review:${review.modelId}`) return 'review subject must be review:<modelId>';
      return producerOf(review.modelId) === payload.author ? `self-review: ${payload.author} produces ${review.modelId}` : null;
    }
    case 'review-reply': {
      const reply = RECORD_BODIES['review-reply'].parse(payload.body);
      if (payload.subject !== `reply:${reply.modelId}:${reply.reviewer}`) return 'reply subject must be reply:<modelId>:<reviewer>';
      return producerOf(reply.modelId) === payload.author ? null : `reply on ${reply.modelId} signed by ${payload.author}, not by its producer`;
    }
    case 'feedback':
      return payload.subject === `feedback:${payload.author}` ? null : 'feedback subject must be feedback:<author>';
    case 'metric-report': {
      const report = RECORD_BODIES['metric-report'].parse(payload.body);
      if (payload.subject !== `eval:${report.modelId}:${report.task}`) return 'metric report subject must be eval:<modelId>:<task>';
      return report.passed <= report.cases ? null : 'metric report passes more cases than it ran';
    }
    case 'observation':
      return payload.subject === `observations:${payload.author}` ? null : 'observation subject must be observations:<author>';
    case 'reward-claim': {
      // Only the form is checkable here; the amount is checked by recomputing the epoch (incentives).
      const claim = RECORD_BODIES['reward-claim'].parse(payload.body);
      return payload.subject === `reward:${claim.epoch}:${payload.author}` ? null : 'reward claim subject must be reward:<epoch>:<author>, signed by the producer itself';
    }
    case 'ledger-entry':
    case 'ledger-checkpoint':
      return ledgerRecordViolation(payload, ctx.marketplaceId);
    case 'price': {
      const price = RECORD_BODIES.price.parse(payload.body);
      if (price.modelId !== payload.subject) return 'price subject does not match its model id';
      return producerOf(payload.subject) === payload.author ? null : `price for ${payload.subject} signed by ${payload.author}, not by its producer`;
    }
  }
}
