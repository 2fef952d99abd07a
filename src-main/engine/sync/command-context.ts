import type { SigningKey } from '../identity/keys';
import type { MarketplaceState } from '../marketplace/marketplace-state';
import type { SignedRecord } from '../records/signed';
import type { SecretFiles } from '../secrets/secret-files';
import type { RecordBook } from '../records/record-book';
import type { DocumentStore } from '../store/documents';
import type { PeerConnections } from './connections';
import type { PeerTable } from './peer-table';
import type { SyncService } from './sync-service';

/**
 * What the sync commands (commands.ts) and joining by invite (join.ts) need from the rest of the
 * engine, and nothing more: the handler builds them from the engine; tests build them from plain
 * fakes. The SyncService itself takes SyncDeps (context.ts).
 */

/** Inviting, joining and linking a device (join.ts). */
export interface JoinContext {
  /** Where an adopted identity key is written. */
  readonly secrets: SecretFiles;
  clock(): number;
  /** Read at each call: a device link replaces the identity. */
  keys: { readonly identity: SigningKey; readonly device: SigningKey };
  /** The stored documents, to tell whether this identity already signed anything. */
  docs: Pick<DocumentStore, 'docNames' | 'records'>;
  marketplace: Pick<MarketplaceState, 'id' | 'info'>;
  sync: {
    connections: Pick<PeerConnections, 'listening' | 'dial' | 'attach' | 'start' | 'linkOf'>;
    peers: Pick<PeerTable, 'upsert' | 'view'>;
    refreshMdns(): void;
  };
  adoptMarketplace(id: string): Promise<void>;
  /** A device link's identity key becomes this engine's (it signs as that person from now on). */
  adoptIdentity(key: SigningKey): void;
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}

/** sync.status, sync.connect/disconnect and the quarantine page (commands.ts). */
export interface SyncCommandContext {
  keys: { readonly device: SigningKey };
  marketplace: Pick<MarketplaceState, 'id'>;
  docs: Pick<DocumentStore, 'size' | 'missingDocuments'>;
  book: Pick<RecordBook, 'recordCount' | 'quarantineCount' | 'acceptedHashes' | 'integrityRows'>;
  sync: SyncService;
}
