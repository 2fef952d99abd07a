import type { CatalogState } from '../catalog/catalog-state';
import type { Parties } from '../identity/party-links';
import type { SigningKey } from '../identity/keys';
import type { LedgerState } from '../ledger/ledger-state';
import type { SignedRecord } from '../records/signed';
import type { Decision } from '../routing/decision-log';
import type { ReviewState } from './review-state';

/**
 * What the review use cases need from the rest of the engine, and nothing more: the handler builds
 * it from the engine (handlers/reviews.ts); tests build it from plain fakes.
 */
export interface ReviewContext {
  clock(): number;
  /** Who signs reviews, replies and feedback: the local identity (read live, a join replaces it). */
  keys: { readonly identity: SigningKey };
  /** Who signs as the producer (replies): the demo producer's key in a demo folder, else the identity. */
  producerKey(): SigningKey;
  /** Whether a model is listed at all (a review of an unknown model is refused). */
  catalog: Pick<CatalogState, 'listing'>;
  /** A producer and its linked devices are one party: none of them may review its models. */
  parties: Pick<Parties, 'sameParty'>;
  /** The charge a review names, to verify that its reviewer paid for this very model. */
  ledger: Pick<LedgerState, 'entry'>;
  reviews: Pick<ReviewState, 'review' | 'reviewsOf' | 'reply' | 'authorFirstSeen' | 'nextFeedbackSeq' | 'feedback'>;
  /** One routed call by its decision id (routing/decision-log.ts), for feedback on it. */
  decision(decisionId: string): Decision | undefined;
  /** Where signed records become durable and take effect (publisher.ts). */
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}

/** What the read side (views, summaries) uses: no signing, no publishing. */
export type ReviewViewContext = Pick<ReviewContext, 'clock' | 'keys' | 'parties' | 'ledger'> & {
  reviews: Pick<ReviewState, 'reviewsOf' | 'reply' | 'authorFirstSeen' | 'feedback'>;
};
