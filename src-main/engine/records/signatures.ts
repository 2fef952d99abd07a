import type { SignatureVerifier } from '../identity/keys';
import { vouchKey } from './batch';
import { SignaturePool, type Verdicts } from './signature-pool';
import { SIGNATURE_BYTES } from './signed';

/** Signatures verified at earlier starts, and where this one notes new ones (records/verified-file.ts). */
export interface VerifiedNotes {
  readonly known: ReadonlySet<string>;
  add(hash: string): void;
  close(): Promise<void>;
}

/**
 * What the RecordBook knows of signatures: which record hashes carry a valid one (checked here, on
 * a worker thread, or at an earlier start), which records a valid batch vouches for, and the
 * worker threads that check them ahead.
 */
export class Signatures {
  /**
   * Hashes whose signature is known to verify (here or on a worker thread, SignaturePool). A hash
   * names its bytes, so a hash in here needs no second verification, wherever its bytes come from.
   */
  private readonly valid = new Set<string>();
  /** Records whose signature this engine set out to check (on the workers or here): a figure for tests and health. */
  checks = 0;
  /**
   * `<record hash><author>` for each record a valid batch by that author lists (records/batch.ts). A
   * record of a vouchable kind is validly signed when its own signature verifies OR a valid batch by
   * its author lists it: the same rule on every peer, whichever arrives first.
   */
  private readonly vouched = new Set<string>();
  /** Worker threads for signatures, started on first use (an engine that never syncs may never need them). */
  private pool: SignaturePool | null = null;

  constructor(
    private readonly verifier: SignatureVerifier,
    /** Hashes verified at earlier starts, and where newly verified ones are noted (VerifiedFile). */
    private readonly verified: VerifiedNotes | null,
  ) {}

  /** Whether an earlier start noted verified records (then start-up verifies only the others). */
  get notedBefore(): boolean {
    return (this.verified?.known.size ?? 0) > 0;
  }

  isVerified(hash: string): boolean {
    return this.valid.has(hash) || (this.verified?.known.has(hash) ?? false);
  }

  note(hash: string): void {
    if (this.valid.has(hash)) return;
    this.valid.add(hash);
    this.verified?.add(hash);
  }

  isVouched(hash: string, author: string): boolean {
    return this.vouched.has(vouchKey(hash, author));
  }

  /** Verifies `bytes` (signature ‖ payload) for `author` on this thread. */
  verifyHere(author: string, bytes: Uint8Array): boolean {
    this.checks++;
    return this.verifier.verify(author, bytes.subarray(SIGNATURE_BYTES), bytes.subarray(0, SIGNATURE_BYTES));
  }

  /** Whether `bytes` carry a valid signature by `author` (null: names none): known already, or verified here now. */
  verifiedFor(hash: string, author: string | null, bytes: Uint8Array): boolean {
    if (this.isVerified(hash)) return true;
    if (author === null || !this.verifyHere(author, bytes)) return false;
    this.note(hash);
    return true;
  }

  /** Per record in order, its sha256 when its signature verified on a worker (else null). */
  async preverify(records: readonly Uint8Array[]): Promise<Verdicts> {
    this.checks += records.length;
    const verdicts = await this.signaturePool.verified(records);
    for (const hash of verdicts) if (hash !== null) this.note(hash);
    return verdicts;
  }

  private get signaturePool(): SignaturePool {
    if (!this.pool) {
      this.pool = new SignaturePool();
      this.pool.vouch([...this.vouched]);
    }
    return this.pool;
  }

  /** A valid batch by `author` lists these hashes. */
  vouch(author: string, hashes: readonly string[]): void {
    const fresh: string[] = [];
    for (const hash of hashes) {
      const key = vouchKey(hash, author);
      if (this.vouched.has(key)) continue;
      this.vouched.add(key);
      fresh.push(key);
    }
    if (fresh.length > 0) this.pool?.vouch(fresh);
  }

  /** Stops the signature workers (they never keep a process alive, but an engine closes what it opened). */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
    await this.verified?.close();
  }
}
