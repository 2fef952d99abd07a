import type { SignedRecord } from './signed';

/** A domain state that takes effect from records (catalog, ledger, observations, ...). */
export interface RecordApplier {
  /** Returns the model ids whose catalog figures this record changed, if any. */
  apply(record: SignedRecord): string[] | void;
}

/** The marketplace as the book sees it: its id (the treasury key, once known) decides authority; it takes each record first. */
export interface MarketplacePort {
  readonly id: string | null;
  /** Whether this record changed the marketplace. */
  apply(record: SignedRecord): boolean;
}

export type IngestOutcome =
  | { status: 'applied'; record: SignedRecord; changedModels: string[]; marketplaceChanged: boolean }
  | { status: 'duplicate'; hash: string }
  | { status: 'quarantined'; hash: string; reason: string }
  /** Validly signed but dated ahead of local time: takes effect at `until` (records/set-aside.ts). */
  | { status: 'held'; hash: string; until: number }
  /** Validly signed in a newer record format: kept, applied once this engine reads that format. */
  | { status: 'pending'; hash: string; reason: string };
