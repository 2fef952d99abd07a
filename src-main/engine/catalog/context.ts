import type { LocalKeys } from '../identity/identity';
import type { Parties } from '../identity/party-links';
import type { LedgerState } from '../ledger/ledger-state';
import type { SignedRecord } from '../records/signed';
import type { ReviewViewContext } from '../reviews/context';
import type { ReviewState } from '../reviews/review-state';
import type { ObservationStats } from '../routing/observations';
import type { CatalogIndex } from './catalog-index';
import type { CatalogState } from './catalog-state';
import type { OwnBatches } from './own-batches';

/**
 * What publishing into this producer's catalog needs, and nothing more (catalog/publish.ts): the
 * handler builds it from the engine (compose/catalog.ts); tests build it from plain fakes.
 */
export interface CatalogContext {
  clock(): number;
  /** The producer side signs with the demo producer's key in a demo folder, else the identity (identity/identity.ts). */
  keys: Pick<LocalKeys, 'identity' | 'demoProducer'>;
  /** Nothing is listed before the engine belongs to a marketplace. */
  marketplace: { readonly id: string | null };
  /** The signed listings: the current one and the next seq of each record kind. */
  catalog: Pick<CatalogState, 'listing' | 'nextSeq'>;
  /** The live catalog item a publish answers with (catalog-index.ts). */
  catalogIndex: Pick<CatalogIndex, 'get'>;
  /** Adds the producer's batch signature when one is due (own-batches.ts). */
  ownBatches: Pick<OwnBatches, 'with'>;
  /** Where signed records become durable and take effect (publisher.ts). */
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}

/**
 * What a model's catalog item is computed from (catalog/item-figures.ts): the listing and price,
 * calls (observations), reviews, paying users and paid evaluations. It reads reviews the way the
 * reviews domain shows them, so it is that domain's read port and more.
 */
export type ItemFiguresContext = ReviewViewContext & {
  catalog: Pick<CatalogState, 'item' | 'listing'>;
  ledger: Pick<LedgerState, 'entry' | 'payersOf'>;
  observations: Pick<ObservationStats, 'get'>;
  parties: Parties;
  reviews: Pick<ReviewState, 'reportsOf'>;
};
