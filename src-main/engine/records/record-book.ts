import type { CatalogState } from '../catalog/catalog-state';
import type { SignatureVerifier } from '../identity/keys';
import type { MarketplaceState } from '../marketplace/marketplace-state';
import type { QuarantineRow } from '../store/query-store';
import { authorityViolation, checkAuthority } from './authority';
import { SignaturePool, type Verdicts } from './signature-pool';
import { decodeRecord, recordHash, type SignedRecord } from './signed';

/** A domain state that takes effect from records (catalog, ledger, observations, ...). */
export interface RecordApplier {
  /** Returns the model ids whose catalog figures this record changed, if any. */
  apply(record: SignedRecord): string[] | void;
}

export type IngestOutcome =
  | { status: 'applied'; record: SignedRecord; changedModels: string[]; marketplaceChanged: boolean }
  | { status: 'duplicate'; hash: string }
  | { status: 'quarantined'; hash: string; reason: string };

/** Records handed to the signature workers at once during ingestAll. */
const INGEST_CHUNK = 512;

/**
 * Where every record takes effect or is quarantined. Sync sits beside it and only hands it bytes:
 * it knows no domain rule beyond "validly signed by the one who may sign it" (DESIGN.md).
 */
export class RecordBook {
  private readonly seen = new Set<string>();
  /**
   * Hashes whose signature is known to verify (here or on a worker thread, SignaturePool). A hash
   * names its bytes, so a hash in here needs no second verification, wherever its bytes come from.
   */
  private readonly signatures = new Set<string>();
  private readonly quarantined = new Map<string, QuarantineRow>();
  private readonly appliers: RecordApplier[] = [];
  /** Worker threads for signatures, started on first use (an engine that never syncs may never need them). */
  private pool: SignaturePool | null = null;

  constructor(
    private readonly marketplace: MarketplaceState,
    private readonly catalog: CatalogState,
    private readonly verifier: SignatureVerifier,
  ) {}

  /** Domain states beyond the catalog register here; each sees every applied record. */
  register(applier: RecordApplier): void {
    this.appliers.push(applier);
  }

  get recordCount(): number {
    return this.seen.size;
  }

  get quarantineCount(): number {
    return this.quarantined.size;
  }

  quarantine(): QuarantineRow[] {
    return [...this.quarantined.values()];
  }

  isAccepted(hash: string): boolean {
    return this.seen.has(hash);
  }

  acceptedHashes(): IterableIterator<string> {
    return this.seen.values();
  }

  /**
   * Verifies these records' signatures on worker threads, so ingestBytes need not do it on the
   * engine's thread. Only ever saves work: what it could not confirm is verified there as before.
   * Answers, per record in order, its sha256 when it verified (else null): the caller hands it to
   * ingestBytes with those same bytes, so the engine's thread need not hash them either.
   */
  async preverify(records: readonly Uint8Array[]): Promise<Verdicts> {
    this.pool ??= new SignaturePool();
    const verdicts = await this.pool.verified(records);
    for (const hash of verdicts) if (hash !== null) this.signatures.add(hash);
    return verdicts;
  }

  /**
   * Takes in many stored records (start-up): their signatures are verified on worker threads,
   * chunks ahead, while earlier chunks are applied here in order.
   */
  async ingestAll(items: ReadonlyArray<{ doc: string; key: string; bytes: Uint8Array }>, now: number): Promise<void> {
    const chunks: Array<{ items: typeof items; verified: Promise<Verdicts | null> }> = [];
    for (let i = 0; i < items.length; i += INGEST_CHUNK) {
      const part = items.slice(i, i + INGEST_CHUNK);
      chunks.push({ items: part, verified: this.preverify(part.map((item) => item.bytes)).catch(() => null) });
    }
    for (const chunk of chunks) {
      const verdicts = await chunk.verified;
      chunk.items.forEach(({ doc, key, bytes }, i) => this.ingestBytes(doc, bytes, now, key, verdicts?.[i] ?? undefined));
    }
  }

  /** Stops the signature workers (they never keep a process alive, but an engine closes what it opened). */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  /** Why a record this engine is about to sign would be refused by its peers, or null. */
  violation(record: SignedRecord): string | null {
    return authorityViolation(record.payload, { marketplaceId: this.marketplace.id });
  }

  /**
   * `key`: where the bytes sit in their document. Any peer can write any value under any key, so a
   * record stored under anything but its own hash is quarantined; the same bytes under their own
   * key still take effect (a copy of an accepted record under a wrong key is just a duplicate).
   * `hash`: the sha256 of these very bytes, when it was computed already (preverify's answer for
   * them) — never the key, which is only what a peer claims.
   */
  ingestBytes(doc: string, bytes: Uint8Array, now: number, key?: string, hash = recordHash(bytes)): IngestOutcome {
    const known = this.signatures.has(hash);
    const decoded = decodeRecord(bytes, known ? null : this.verifier, hash);
    if (decoded.ok && !known) this.signatures.add(hash);
    if (!decoded.ok) {
      // The quarantine shows what the record claims to be (kind, author), if it parses at all.
      const claimed = decodeRecord(bytes, null);
      return this.reject(doc, decoded.hash, decoded.reason, now, claimed.ok ? claimed.record : null);
    }
    const { record } = decoded;
    if (key !== undefined && key !== record.hash) {
      if (this.seen.has(record.hash)) return { status: 'duplicate', hash: record.hash };
      return this.reject(doc, record.hash, `stored under key ${key.slice(0, 80)}, which is not the sha256 of its bytes`, now, record);
    }
    return this.ingest(doc, record, now);
  }

  ingest(doc: string, record: SignedRecord, now: number): IngestOutcome {
    if (this.seen.has(record.hash)) return { status: 'duplicate', hash: record.hash };
    const check = checkAuthority(record.payload, { marketplaceId: this.marketplace.id });
    if (!check.ok) return this.reject(doc, record.hash, check.reason, now, record);
    record.parsedBody = check.body;
    this.seen.add(record.hash);
    // Quarantined earlier only for where it was stored (or before its marketplace was known): it counts now.
    this.quarantined.delete(record.hash);
    const marketplaceChanged = this.marketplace.apply(record);
    const changedModels = this.catalog.apply(record);
    for (const applier of this.appliers) {
      const touched = applier.apply(record);
      if (touched) changedModels.push(...touched);
    }
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
