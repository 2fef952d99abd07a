import type { CatalogItem } from '../../../src-shared/catalog';
import type { CatalogState } from '../catalog/catalog-state';
import type { SigningKey } from '../identity/keys';
import type { SignedRecord } from '../records/signed';

/**
 * What the Fixed Pricing Engine needs from the rest of the engine, and nothing more: the handler
 * builds it from the engine and the catalog's publishing helpers; tests build it from plain fakes.
 */
export interface PricingContext {
  clock(): number;
  /** Signed price changes per model, the one in force, and the next seq to sign. */
  catalog: Pick<CatalogState, 'priceHistory' | 'priceAt' | 'nextSeq'>;
  /** The key this engine signs its models' prices with (the local producer). */
  producerKey(): SigningKey;
  /** The live catalog item, or NOT_FOUND. */
  requireItem(modelId: string): CatalogItem;
  /** FORBIDDEN unless the model is the local producer's. */
  assertOwnModel(modelId: string): void;
  /** Into this producer's catalog document, durable and applied before it resolves. */
  publishCatalog(records: SignedRecord[]): Promise<void>;
}
