import type { SigningKey } from '../identity/keys';
import type { PublishBatch } from '../publisher';
import type { SignedRecord } from '../records/signed';
import type { LedgerState } from './ledger-state';

/**
 * What the ledger's use cases need from the rest of the engine, and nothing more: the composition
 * root builds one (engine.ledgerContext); tests build it from plain fakes.
 */

/** Where signed ledger records become durable and take effect (publisher.ts). */
export interface LedgerPublisher {
  publish(doc: string, records: SignedRecord[]): Promise<void>;
  publishAcknowledged(batches: readonly PublishBatch[]): Promise<void>;
  /** Acknowledged records take effect first, so a chain head counts them. */
  catchUp(): void;
}

/** appendDeposit / appendCharge / appendRefund (append.ts). */
export interface AppendContext {
  clock(): number;
  ledger: Pick<LedgerState, 'writes' | 'entryById' | 'entry' | 'head' | 'checkNext' | 'feeBps' | 'balance' | 'lastTs'>;
  /** Read at each call: the treasury key arrives when this folder creates a marketplace. */
  keys: { readonly identity: SigningKey; readonly device: SigningKey; readonly treasury: SigningKey | null };
  marketplace: { readonly id: string | null };
  publisher: LedgerPublisher;
}

/** signCheckpoint / proveEntry (checkpoint.ts). */
export interface CheckpointContext {
  clock(): number;
  ledger: Pick<LedgerState, 'writes' | 'entry' | 'tree' | 'checkpoints'>;
  keys: { readonly identity: SigningKey; readonly device: SigningKey };
  publisher: Pick<LedgerPublisher, 'publish'>;
}

/** The open export and ledger.verify over it (export.ts): the stored documents, not the state. */
export interface ExportContext {
  clock(): number;
  docs: { docNames(): string[]; records(name: string): Array<[string, Uint8Array]> };
  marketplace: { readonly id: string | null };
}

/** Every ledger use case's port at once: what the composition root builds and handlers pass. */
export type LedgerContext = AppendContext & CheckpointContext & ExportContext & {
  ledger: Pick<LedgerState, 'query' | 'entryCount' | 'blocks' | 'forks' | 'deficits'>;
};

/** The ledger context from the engine's parts (`keys` is the live object, not a copy). */
export function ledgerContextOf(parts: LedgerContext): LedgerContext {
  const { clock, ledger, keys, marketplace, publisher, docs } = parts;
  return { clock, ledger, keys, marketplace, publisher, docs };
}
