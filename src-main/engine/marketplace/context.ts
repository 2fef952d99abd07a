import type { SigningKey } from '../identity/keys';
import type { SignedRecord } from '../records/signed';
import type { SecretFiles } from '../secrets/secret-files';
import type { MarketplaceState } from './marketplace-state';

/**
 * What creating a marketplace needs from the rest of the engine, and nothing more: the handler
 * builds it from the engine; tests build it from plain fakes.
 */
export interface MarketplaceContext {
  clock(): number;
  /** Where the treasury key is saved beside the folder's other keys. */
  readonly secrets: SecretFiles;
  marketplace: Pick<MarketplaceState, 'id' | 'info'>;
  /** The new treasury key becomes this engine's (it signs deposits and the config). */
  adoptTreasury(key: SigningKey): void;
  /** Joins the engine to the marketplace (the treasury's public key is its id). */
  adoptMarketplace(id: string): Promise<void>;
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}
