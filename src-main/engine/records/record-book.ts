import type { CatalogState } from '../catalog/catalog-state';
import type { SignatureVerifier } from '../identity/keys';
import type { MarketplaceState } from '../marketplace/marketplace-state';
import type { QuarantineRow } from '../store/query-store';
import { authorityViolation } from './authority';
import { decodeRecord, type SignedRecord } from './signed';

export type IngestOutcome =
  | { status: 'applied'; record: SignedRecord; changedModels: string[]; marketplaceChanged: boolean }
  | { status: 'duplicate'; hash: string }
  | { status: 'quarantined'; hash: string; reason: string };

/**
 * Where every record takes effect or is quarantined. Sync sits beside it and only hands it bytes:
 * it knows no domain rule beyond "validly signed by the one who may sign it" (DESIGN.md).
 */
export class RecordBook {
  private readonly seen = new Set<string>();
  private readonly quarantined = new Map<string, QuarantineRow>();

  constructor(
    private readonly marketplace: MarketplaceState,
    private readonly catalog: CatalogState,
    private readonly verifier: SignatureVerifier,
  ) {}

  get recordCount(): number {
    return this.seen.size;
  }

  get quarantineCount(): number {
    return this.quarantined.size;
  }

  quarantine(): QuarantineRow[] {
    return [...this.quarantined.values()];
  }

  /** Why a record this engine is about to sign would be refused by its peers, or null. */
  violation(record: SignedRecord): string | null {
    return authorityViolation(record.payload, { marketplaceId: this.marketplace.id });
  }

  ingestBytes(doc: string, bytes: Uint8Array, now: number): IngestOutcome {
    const decoded = decodeRecord(bytes, this.verifier);
    if (!decoded.ok) return this.reject(doc, decoded.hash, decoded.reason, now, null);
    return this.ingest(doc, decoded.record, now);
  }

  ingest(doc: string, record: SignedRecord, now: number): IngestOutcome {
    if (this.seen.has(record.hash)) return { status: 'duplicate', hash: record.hash };
    const reason = this.violation(record);
    if (reason) return this.reject(doc, record.hash, reason, now, record);
    this.seen.add(record.hash);
    const marketplaceChanged = this.marketplace.apply(record);
    const changedModels = this.catalog.apply(record);
    return { status: 'applied', record, changedModels, marketplaceChanged };
  }

  private reject(doc: string, hash: string, reason: string, now: number, record: SignedRecord | null): IngestOutcome {
    if (!this.quarantined.has(hash)) {
      this.quarantined.set(hash, {
        hash,
        doc,
        kind: record?.payload.kind ?? 'unknown',
        author: record?.payload.author ?? 'unknown',
        subject: record?.payload.subject ?? 'unknown',
        reason,
        receivedAt: now,
      });
    }
    return { status: 'quarantined', hash, reason };
  }
}
