import type { z } from 'zod';
import { RECORD_BODIES, modelIdOf, producerOf, type RecordKind, type RecordPayload } from '../../../src-shared/domain';
import { epochCloseViolation } from '../../../src-shared/rewards';
import type { Parties } from '../identity/party-links';

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

/** Who may sign one kind of record, beyond its body's schema: why it may not take effect, or null. `payload.body` is already parsed. */
export type AuthorityRule = (payload: RecordPayload, ctx: AuthorityContext) => string | null;

/**
 * The rule of each kind of record. The records folder knows only the rules that need nothing but
 * the record (below); the composition root adds the domains' own (compose/authority.ts),
 * so a kind whose rule was never registered is refused, not waved through.
 */
export type AuthorityRules = ReadonlyMap<RecordKind, AuthorityRule>;

type BodyOf<K extends keyof typeof RECORD_BODIES> = z.output<(typeof RECORD_BODIES)[K]>;

/** The kinds whose rule lives in a domain and is registered by the composition root (compose/authority.ts). */
export type DomainRuledKind = 'ledger-entry' | 'ledger-checkpoint';

/** A batch lists each hash once, in ascending order, and is named after its first (so no two batches share a slot). */
function batchViolation(subject: string, hashes: readonly string[]): string | null {
  for (let i = 1; i < hashes.length; i++) if (hashes[i - 1]! >= hashes[i]!) return 'batch hashes must be unique and in ascending order';
  return subject === `batch:${hashes[0]}` ? null : 'batch subject must be batch:<its first hash>';
}

/**
 * Who may sign what, for every kind checkable from the record alone and the marketplace id: a
 * model's listing, prices and replies only by the producer named in its id — its identity key
 * itself, never one of its device keys (a grant that depended on a link arriving later would
 * quarantine on one peer what another applied) — a profile only by itself, the marketplace config
 * only by the treasury.
 */
export const RECORD_RULE_BY_KIND: { readonly [K in Exclude<RecordKind, DomainRuledKind>]: AuthorityRule } = {
  'marketplace-config': (payload: RecordPayload, ctx: AuthorityContext) => {
    if (ctx.marketplaceId !== null && payload.author !== ctx.marketplaceId) {
      return `marketplace config signed by ${payload.author}, not by the treasury ${ctx.marketplaceId}`;
    }
    return payload.subject === payload.author ? null : 'marketplace config subject must be the treasury key';
  },
  'device-cert': (payload) => (payload.subject === payload.author ? null : `${payload.kind} subject must be its author's key`),
  profile: (payload) => (payload.subject === payload.author ? null : `${payload.kind} subject must be its author's key`),
  listing: (payload) => {
    const listing = payload.body as BodyOf<'listing'>;
    if (producerOf(payload.subject) !== payload.author) return `listing ${payload.subject} signed by ${payload.author}, not by its producer`;
    return payload.subject === modelIdOf(payload.author, listing.slug) ? null : 'listing slug does not match its model id';
  },
  review: (payload, ctx) => {
    const review = payload.body as BodyOf<'review'>;
    if (payload.subject !== `review:${review.modelId}`) return 'review subject must be review:<modelId>';
    const producer = producerOf(review.modelId);
    if (producer === payload.author) return `self-review: ${payload.author} produces ${review.modelId}`;
    return ctx.parties?.sameParty(payload.author, producer) ? `self-review: ${payload.author} is a device of the same party as ${producer}, who produces ${review.modelId}` : null;
  },
  'review-reply': (payload) => {
    const reply = payload.body as BodyOf<'review-reply'>;
    if (payload.subject !== `reply:${reply.modelId}:${reply.reviewer}`) return 'reply subject must be reply:<modelId>:<reviewer>';
    return producerOf(reply.modelId) === payload.author ? null : `reply on ${reply.modelId} signed by ${payload.author}, not by its producer`;
  },
  feedback: (payload) => (payload.subject === `feedback:${payload.author}` ? null : 'feedback subject must be feedback:<author>'),
  'metric-report': (payload) => {
    const report = payload.body as BodyOf<'metric-report'>;
    if (payload.subject !== `eval:${report.modelId}:${report.task}`) return 'metric report subject must be eval:<modelId>:<task>';
    if (new Set(report.chargeHashes).size !== report.chargeHashes.length) return 'metric report names a charge twice';
    return report.passed <= report.cases ? null : 'metric report passes more cases than it ran';
  },
  observation: (payload) => (payload.subject === `observations:${payload.author}` ? null : 'observation subject must be observations:<author>'),
  'reward-claim': (payload) => {
    // Only the form is checkable here; the amount is checked by recomputing the epoch (incentives).
    const claim = payload.body as BodyOf<'reward-claim'>;
    return payload.subject === `reward:${claim.epoch}:${payload.author}` ? null : 'reward claim subject must be reward:<epoch>:<author>, signed by the producer itself';
  },
  'epoch-close': (payload, ctx) => epochCloseViolation(payload.author, payload.subject, payload.body as BodyOf<'epoch-close'>, ctx.marketplaceId),
  batch: (payload) => batchViolation(payload.subject, (payload.body as BodyOf<'batch'>).hashes),
  price: (payload) => {
    const price = payload.body as BodyOf<'price'>;
    if (price.modelId !== payload.subject) return 'price subject does not match its model id';
    return producerOf(payload.subject) === payload.author ? null : `price for ${payload.subject} signed by ${payload.author}, not by its producer`;
  },
};

/** The rules as a registry: what a record book built without the composition root's rules knows (tests of records alone). */
export const RECORD_RULES: AuthorityRules = new Map(Object.entries(RECORD_RULE_BY_KIND) as Array<[RecordKind, AuthorityRule]>);
