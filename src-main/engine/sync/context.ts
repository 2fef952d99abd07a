import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { SigningKey } from '../identity/keys';
import type { RecordBook } from '../records/record-book';
import type { DocumentStore } from '../store/documents';
import type { AbsorbResult, Incoming } from './ingest-queue';

/**
 * What peer sync needs from the rest of the engine: the documents it moves, the record book it
 * hands received bytes to, and a few callbacks. The composition root (engine.ts) builds it; sync
 * never sees the Engine, so it can be opened and tested on its own.
 */
export interface SyncDeps {
  dataDir: string;
  clock(): number;
  docs: DocumentStore;
  /** This device's key: it proves who this peer is in every handshake and mDNS announcement. */
  device: SigningKey;
  /** The marketplace this engine belongs to (null before create or join): peers sync only within it. */
  marketplaceId(): string | null;
  /** Where every received record is checked: sync only asks "validly signed by who may sign it?". */
  records: Pick<RecordBook, 'register' | 'isAccepted' | 'preverify' | 'noteBatches' | 'quarantineCount'>;
  /** Takes received records in (the engine's ingest: the record book, then the domain states). */
  absorb(batch: readonly Incoming[], options: { refresh: boolean }): Promise<AbsorbResult>;
  /** Refreshes the catalog rows of models whose records arrived. */
  refreshModels(ids: string[], options: { quiet: boolean }): Promise<void>;
  catalogSize(): number;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}
