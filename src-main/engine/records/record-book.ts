import type { CatalogState } from '../catalog/catalog-state';
import type { SignatureVerifier } from '../identity/keys';
import type { MarketplaceState } from '../marketplace/marketplace-state';
import type { QuarantineRow } from '../store/query-store';
import type { BatchBody } from '../../../src-shared/domain';
import { PartyLinks } from '../identity/party-links';
import { authorityViolation, checkAuthority } from './authority';
import { mayBeBatch, UNVOUCHABLE_KINDS, vouchKey } from './batch';
import { SignaturePool, type Verdicts } from './signature-pool';
import { decodeRecord, recordHash, SIGNATURE_BYTES, type SignedRecord } from './signed';

/** Signatures verified at earlier starts, and where this one notes new ones (records/verified-file.ts). */
export interface VerifiedNotes {
  readonly known: ReadonlySet<string>;
  add(hash: string): void;
  close(): Promise<void>;
}

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
/** Records kept (bytes and all) after failing their own signature, in case a batch vouches for them later. */
const MAX_UNSIGNED = 10_000;

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
  /** Records whose signature this engine set out to check (on the workers or here): a figure for tests and health. */
  signatureChecks = 0;
  private readonly quarantined = new Map<string, QuarantineRow>();
  /**
   * `<record hash><author>` for each record a valid batch by that author lists (records/batch.ts). A
   * record of a vouchable kind is validly signed when its own signature verifies OR a valid batch by
   * its author lists it: the same rule on every peer, whichever arrives first.
   */
  private readonly vouched = new Set<string>();
  /** Records quarantined for their own signature only: a batch arriving later releases them. */
  private readonly unsigned = new Map<string, { doc: string; bytes: Uint8Array }>();
  /** Which device keys act for which identity (a producer's device is the producer): read where figures are computed. */
  readonly parties = new PartyLinks();
  private readonly appliers: RecordApplier[] = [this.parties];
  /** Worker threads for signatures, started on first use (an engine that never syncs may never need them). */
  private pool: SignaturePool | null = null;

  constructor(
    private readonly marketplace: MarketplaceState,
    private readonly catalog: CatalogState,
    private readonly verifier: SignatureVerifier,
    /** Hashes verified at earlier starts, and where newly verified ones are noted (VerifiedFile). */
    private readonly verified: VerifiedNotes | null = null,
  ) {}

  private isVerified(hash: string): boolean {
    return this.signatures.has(hash) || (this.verified?.known.has(hash) ?? false);
  }

  private noteVerified(hash: string): void {
    if (this.signatures.has(hash)) return;
    this.signatures.add(hash);
    this.verified?.add(hash);
  }

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
   * ingestBytes with those same bytes, so the engine's thread need not hash them either. Batches
   * among them only help if noteBatches saw them first.
   */
  async preverify(records: readonly Uint8Array[]): Promise<Verdicts> {
    this.signatureChecks += records.length;
    const verdicts = await this.signaturePool.verified(records);
    for (const hash of verdicts) if (hash !== null) this.noteVerified(hash);
    return verdicts;
  }

  private get signaturePool(): SignaturePool {
    if (!this.pool) {
      this.pool = new SignaturePool();
      this.pool.vouch([...this.vouched]);
    }
    return this.pool;
  }

  /**
   * Looks through records about to be verified for batches, and checks those here first: the
   * workers then skip every record a valid batch lists. Call it with as many records as arrived
   * together (a batch is usually stored beside the records it lists, in any order).
   */
  noteBatches(records: readonly Uint8Array[]): void {
    for (const bytes of records) {
      if (!mayBeBatch(bytes)) continue;
      const decoded = decodeRecord(bytes, this.verifier);
      if (!decoded.ok || decoded.record.payload.kind !== 'batch') continue;
      const check = checkAuthority(decoded.record.payload, { marketplaceId: this.marketplace.id });
      if (check.ok) this.vouch(decoded.record.payload.author, (check.body as BatchBody).hashes);
    }
  }

  private vouch(author: string, hashes: readonly string[]): void {
    const fresh: string[] = [];
    for (const hash of hashes) {
      const key = vouchKey(hash, author);
      if (this.vouched.has(key)) continue;
      this.vouched.add(key);
      fresh.push(key);
    }
    if (fresh.length > 0) this.pool?.vouch(fresh);
  }

  /**
   * Takes in many stored records (start-up): their signatures are verified on worker threads,
   * chunks ahead, while earlier chunks are applied here in order.
   */
  async ingestAll(items: ReadonlyArray<{ doc: string; key: string; bytes: Uint8Array }>, now: number): Promise<void> {
    const known = (this.verified?.known.size ?? 0) > 0;
    if (!known) this.noteBatches(items.map((item) => item.bytes));
    const chunks: Array<{ items: typeof items; verified: Promise<Verdicts | null> }> = [];
    for (let i = 0; i < items.length; i += INGEST_CHUNK) {
      const part = items.slice(i, i + INGEST_CHUNK);
      chunks.push({ items: part, verified: known ? this.hashAndVerifyNew(part) : this.preverify(part.map((item) => item.bytes)).catch(() => null) });
    }
    for (const chunk of chunks) {
      const verdicts = await chunk.verified;
      chunk.items.forEach(({ doc, key, bytes }, i) => this.ingestBytes(doc, bytes, now, key, verdicts?.[i] ?? undefined));
    }
  }

  /**
   * Each record's sha256, hashed here: a record verified at an earlier start needs nothing more,
   * and the workers verify only the others (ingestBytes verifies what they could not).
   */
  private async hashAndVerifyNew(part: ReadonlyArray<{ bytes: Uint8Array }>): Promise<Verdicts> {
    const hashes = part.map((item) => recordHash(item.bytes));
    const fresh = part.filter((_, i) => !this.isVerified(hashes[i]!)).map((item) => item.bytes);
    if (fresh.length > 0) {
      this.noteBatches(fresh);
      await this.preverify(fresh).catch(() => null);
    }
    return hashes;
  }

  /** Stops the signature workers (they never keep a process alive, but an engine closes what it opened). */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
    await this.verified?.close();
  }

  /**
   * Why a record this engine is about to sign would be refused by its peers (or left out by them,
   * such as a review by a device of the model's producer), or null.
   */
  violation(record: SignedRecord): string | null {
    return authorityViolation(record.payload, { marketplaceId: this.marketplace.id, parties: this.parties });
  }

  /**
   * `key`: where the bytes sit in their document. Any peer can write any value under any key, so a
   * record stored under anything but its own hash is quarantined; the same bytes under their own
   * key still take effect (a copy of an accepted record under a wrong key is just a duplicate).
   * `hash`: the sha256 of these very bytes, when it was computed already (preverify's answer for
   * them) — never the key, which is only what a peer claims.
   */
  ingestBytes(doc: string, bytes: Uint8Array, now: number, key?: string, hash = recordHash(bytes)): IngestOutcome {
    const decoded = decodeRecord(bytes, null, hash);
    if (!decoded.ok) return this.reject(doc, decoded.hash, decoded.reason, now, null);
    const { record } = decoded;
    if (!this.isVerified(hash)) {
      const { author, kind } = record.payload;
      const vouched = this.vouched.has(vouchKey(hash, author)) && !UNVOUCHABLE_KINDS.has(kind);
      if (!vouched) this.signatureChecks++;
      if (!vouched && !this.verifier.verify(author, bytes.subarray(SIGNATURE_BYTES), bytes.subarray(0, SIGNATURE_BYTES))) {
        if (this.unsigned.size >= MAX_UNSIGNED) this.unsigned.delete(this.unsigned.keys().next().value!);
        this.unsigned.set(hash, { doc, bytes });
        // The quarantine shows what the record claims to be (kind, author).
        return this.reject(doc, hash, `signature does not verify for author ${author}`, now, record);
      }
      this.noteVerified(hash);
    }
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
    // Here from ingestBytes (its signature checked) or signed by this engine (Publisher).
    this.noteVerified(record.hash);
    // Quarantined earlier only for where it was stored (or before its marketplace was known): it counts now.
    this.quarantined.delete(record.hash);
    const marketplaceChanged = this.marketplace.apply(record);
    const changedModels = this.catalog.apply(record);
    for (const applier of this.appliers) {
      const touched = applier.apply(record);
      if (touched) changedModels.push(...touched);
    }
    const released = record.payload.kind === 'batch' ? this.release(record.payload.author, (record.parsedBody as BatchBody).hashes, now) : null;
    if (released) changedModels.push(...released.changedModels);
    return { status: 'applied', record, changedModels, marketplaceChanged: marketplaceChanged || (released?.marketplaceChanged ?? false) };
  }

  /** A batch just took effect: records it lists that were quarantined for their own signature now count. */
  private release(author: string, hashes: readonly string[], now: number): { changedModels: string[]; marketplaceChanged: boolean } {
    this.vouch(author, hashes);
    const result = { changedModels: [] as string[], marketplaceChanged: false };
    for (const hash of hashes) {
      const held = this.unsigned.get(hash);
      if (!held) continue;
      this.unsigned.delete(hash);
      this.quarantined.delete(hash);
      const outcome = this.ingestBytes(held.doc, held.bytes, now, hash, hash);
      if (outcome.status !== 'applied') continue;
      result.changedModels.push(...outcome.changedModels);
      result.marketplaceChanged ||= outcome.marketplaceChanged;
    }
    return result;
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
