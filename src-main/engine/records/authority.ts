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
    case 'observation':
      return payload.subject === `observations:${payload.author}` ? null : 'observation subject must be observations:<author>';
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
