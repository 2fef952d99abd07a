import type { SignatureVerifier } from '../identity/keys';
import type { QuarantineRow } from '../store/query-store';
import type { BatchBody } from '../../../src-shared/domain';
import { PartyLinks } from '../identity/party-links';
import { authorityViolation, checkAuthority, type AuthorityRules } from './authority';
import { mayBeBatch, UNVOUCHABLE_KINDS } from './batch';
import { RECORD_RULES } from './record-rules';
import { SetAside, type SetAsideRow } from './set-aside';
import type { Verdicts } from './signature-pool';
import { Signatures, type VerifiedNotes } from './signatures';
import type { IngestOutcome, MarketplacePort, RecordApplier } from './book-ports';
import { decodeRecord, recordHash, sizeProblem, type DecodeResult, type SignedRecord } from './signed';

export type { IngestOutcome, MarketplacePort, RecordApplier } from './book-ports';

/** Records handed to the signature workers at once during ingestAll. */
const INGEST_CHUNK = 512;
/** Records kept (bytes and all) after failing their own signature, in case a batch vouches for them later. */
const MAX_UNSIGNED = 10_000;

/**
 * Where every record takes effect or is quarantined. Sync sits beside it and only hands it bytes:
 * it knows no domain rule beyond "validly signed by the one who may sign it" (docs/architecture.md).
 */
export class RecordBook {
  private readonly seen = new Set<string>();
  private readonly signatures: Signatures;
  private readonly quarantined = new Map<string, QuarantineRow>();
  /** Held until their time, or in a newer format: neither applied nor refused. */
  private readonly setAside = new SetAside();
  /** Records quarantined for their own signature only: a batch arriving later releases them. */
  private readonly unsigned = new Map<string, { doc: string; bytes: Uint8Array }>();
  /** Which device keys act for which identity (a producer's device is the producer): read where figures are computed. */
  readonly parties = new PartyLinks();
  private readonly appliers: RecordApplier[];

  constructor(
    private readonly marketplace: MarketplacePort,
    /** The catalog: the first state after the marketplace to see each applied record. */
    catalog: RecordApplier,
    private readonly verifier: SignatureVerifier,
    /** Hashes verified at earlier starts, and where newly verified ones are noted (VerifiedFile). */
    verified: VerifiedNotes | null = null,
    /** Who may sign each kind (compose/authority.ts); without it, kinds ruled by a domain are refused. */
    private readonly rules: AuthorityRules = RECORD_RULES,
  ) {
    this.signatures = new Signatures(verifier, verified);
    this.appliers = [catalog, this.parties];
  }

  /** Records whose signature this engine set out to check (on the workers or here): a figure for tests and health. */
  get signatureChecks(): number {
    return this.signatures.checks;
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

  /** The quarantine and the records set aside, each with its status: what the Integrity screen lists. */
  integrityRows(): Array<QuarantineRow | SetAsideRow> {
    return [...this.quarantine().map((row) => ({ ...row, status: 'quarantined' as const })), ...this.setAside.rows()];
  }

  /** When the earliest held record takes effect (local time), or null. */
  nextHeldAt(): number | null {
    return this.setAside.nextDueAt();
  }

  /** Applies the held records whose time has come (by `now`), earliest first. */
  releaseDue(now: number): IngestOutcome[] {
    return this.setAside.takeDue(now).map(({ doc, record }) => this.ingest(doc, record, now));
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
  preverify(records: readonly Uint8Array[]): Promise<Verdicts> {
    return this.signatures.preverify(records);
  }

  /**
   * Looks through records about to be verified for batches, and checks those here first: the
   * workers then skip every record a valid batch lists. Call it with as many records as arrived
   * together (a batch is usually stored beside the records it lists, in any order).
   */
  noteBatches(records: readonly Uint8Array[]): void {
    for (const bytes of records) {
      if (!mayBeBatch(bytes)) continue;
      // Only the tail was read: anything may precede it. One record that is no batch after all must
      // not cost the others (they are all still ingested one by one, where it is quarantined).
      try {
        const decoded = decodeRecord(bytes, this.verifier);
        if (!decoded.ok || decoded.record.payload.kind !== 'batch') continue;
        const check = checkAuthority(decoded.record.payload, { marketplaceId: this.marketplace.id }, this.rules);
        if (check.ok) this.signatures.vouch(decoded.record.payload.author, (check.body as BatchBody).hashes);
      } catch (error) {
        console.error('a record that looked like a batch could not be read:', (error as Error).message);
      }
    }
  }

  /**
   * Takes in many stored records (start-up): their signatures are verified on worker threads,
   * chunks ahead, while earlier chunks are applied here in order.
   */
  async ingestAll(items: ReadonlyArray<{ doc: string; key: string; bytes: Uint8Array }>, now: number): Promise<void> {
    const known = this.signatures.notedBefore;
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
    const fresh = part.filter((_, i) => !this.signatures.isVerified(hashes[i]!)).map((item) => item.bytes);
    if (fresh.length > 0) {
      this.noteBatches(fresh);
      await this.preverify(fresh).catch(() => null);
    }
    return hashes;
  }

  /** Stops the signature workers (they never keep a process alive, but an engine closes what it opened). */
  close(): Promise<void> {
    return this.signatures.close();
  }

  /**
   * Why a record this engine is about to sign would be refused by its peers (or left out by them,
   * such as a review by a device of the model's producer), or null.
   */
  violation(record: SignedRecord): string | null {
    return sizeProblem(record.bytes) ?? authorityViolation(record.payload, { marketplaceId: this.marketplace.id, parties: this.parties }, this.rules);
  }

  /**
   * `key`: where the bytes sit in their document. Any peer can write any value under any key, so a
   * record stored under anything but its own hash is quarantined; the same bytes under their own
   * key still take effect (a copy of an accepted record under a wrong key is just a duplicate).
   * `hash`: the sha256 of these very bytes, when it was computed already (preverify's answer for
   * them) — never the key, which is only what a peer claims.
   */
  ingestBytes(doc: string, bytes: Uint8Array, now: number, key?: string, hash = recordHash(bytes)): IngestOutcome {
    // Each record on its own: whatever one holds, the loop that hands it in goes on to the next.
    try {
      return this.takeBytes(doc, bytes, now, key, hash);
    } catch (error) {
      return this.reject(doc, hash, `could not be taken in: ${(error as Error).message}`, now, null);
    }
  }

  private takeBytes(doc: string, bytes: Uint8Array, now: number, key: string | undefined, hash: string): IngestOutcome {
    const decoded = decodeRecord(bytes, null, hash);
    if (!decoded.ok) return 'newer' in decoded ? this.pendNewer(doc, bytes, decoded, now) : this.reject(doc, decoded.hash, decoded.reason, now, null);
    const { record } = decoded;
    if (!this.signatures.isVerified(hash)) {
      const { author, kind } = record.payload;
      const vouched = this.signatures.isVouched(hash, author) && !UNVOUCHABLE_KINDS.has(kind);
      if (!vouched && !this.signatures.verifyHere(author, bytes)) {
        if (this.unsigned.size >= MAX_UNSIGNED) this.unsigned.delete(this.unsigned.keys().next().value!);
        this.unsigned.set(hash, { doc, bytes });
        // The quarantine shows what the record claims to be (kind, author).
        return this.reject(doc, hash, `signature does not verify for author ${author}`, now, record);
      }
      this.signatures.note(hash);
    }
    if (key !== undefined && key !== record.hash) {
      if (this.seen.has(record.hash)) return { status: 'duplicate', hash: record.hash };
      return this.reject(doc, record.hash, `stored under key ${key.slice(0, 80)}, which is not the sha256 of its bytes`, now, record);
    }
    return this.ingest(doc, record, now);
  }

  ingest(doc: string, record: SignedRecord, now: number): IngestOutcome {
    if (this.seen.has(record.hash)) return { status: 'duplicate', hash: record.hash };
    const check = checkAuthority(record.payload, { marketplaceId: this.marketplace.id }, this.rules);
    if (!check.ok) return this.reject(doc, record.hash, check.reason, now, record);
    if (this.setAside.isEarly(record, now)) return { status: 'held', hash: record.hash, until: this.setAside.hold(doc, record, now) };
    record.parsedBody = check.body;
    try {
      return this.apply(doc, record, now);
    } catch (error) {
      // Some states may have taken it in (it counts as seen); the quarantine says what failed.
      return this.reject(doc, record.hash, `failed while taking effect: ${(error as Error).message}`, now, record);
    }
  }

  private apply(doc: string, record: SignedRecord, now: number): IngestOutcome & { status: 'applied' } {
    this.seen.add(record.hash);
    // Here from ingestBytes (its signature checked) or signed by this engine (Publisher).
    this.signatures.note(record.hash);
    // Quarantined earlier only for where it was stored (or before its marketplace was known): it counts now.
    this.quarantined.delete(record.hash);
    const marketplaceChanged = this.marketplace.apply(record);
    const changedModels: string[] = [];
    for (const applier of this.appliers) {
      const touched = applier.apply(record);
      if (touched) changedModels.push(...touched);
    }
    const released = record.payload.kind === 'batch' ? this.release(record.payload.author, (record.parsedBody as BatchBody).hashes, now) : null;
    if (released) changedModels.push(...released.changedModels);
    return { status: 'applied', record, changedModels, marketplaceChanged: marketplaceChanged || (released?.marketplaceChanged ?? false) };
  }

  /**
   * A record in a newer format: set aside unless its signature fails (then it is forged, whatever
   * format it claims). Its author is read from the envelope, which every format keeps.
   */
  private pendNewer(doc: string, bytes: Uint8Array, decoded: Extract<DecodeResult, { newer: unknown }>, now: number): IngestOutcome {
    const { hash, reason, newer } = decoded;
    if (this.setAside.isPending(hash)) return { status: 'pending', hash, reason };
    const row = { hash, doc, kind: newer.kind, author: newer.author ?? 'unknown', subject: newer.subject, reason, receivedAt: now };
    if (this.signatures.verifiedFor(hash, newer.author, bytes)) {
      this.setAside.pend(row);
      return { status: 'pending', hash, reason };
    }
    const forged = `signature does not verify for author ${row.author}`;
    if (!this.quarantined.has(hash)) this.quarantined.set(hash, { ...row, reason: forged });
    return { status: 'quarantined', hash, reason: forged };
  }

  /** A batch just took effect: records it lists that were quarantined for their own signature now count. */
  private release(author: string, hashes: readonly string[], now: number): { changedModels: string[]; marketplaceChanged: boolean } {
    this.signatures.vouch(author, hashes);
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
