import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'verified.bin';
const HASH_BYTES = 32;
/** Hashes gathered before they are appended together. */
const FLUSH_EVERY = 4_096;
const FLUSH_AFTER_MS = 1_000;

/**
 * The records whose signature this engine has checked (docs/architecture.md: "a signature is verified once,
 * when its record first arrives; at start the engine re-checks hashes"). Their sha256, 32 raw bytes
 * each, appended to `verified.bin` in the data folder. A hash names its bytes, so at the next start
 * a stored record whose hash is listed needs only its hash checked; everything else about it
 * (form, canonical JSON, authority, chains) is checked again as always.
 *
 * Losing the tail of this file only means verifying those records again, so appends are not
 * fsync'ed. Whoever can write to the data folder could list a forged record here, but could as well
 * change anything else in it: the folder is trusted (keys, settings, journal live there too).
 */
export class VerifiedFile {
  private queued: Buffer[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly path: string,
    /** Hex hashes listed at start. */
    readonly known: ReadonlySet<string>,
  ) {}

  static async open(dataDir: string): Promise<VerifiedFile> {
    const path = join(dataDir, FILE);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      bytes = Buffer.alloc(0);
    }
    const known = new Set<string>();
    // A torn last append leaves a partial hash: it is ignored (that record is verified again).
    for (let at = 0; at + HASH_BYTES <= bytes.length; at += HASH_BYTES) known.add(bytes.toString('hex', at, at + HASH_BYTES));
    return new VerifiedFile(path, known);
  }

  /** A record whose signature just verified (hex sha256 of its bytes). */
  add(hash: string): void {
    if (this.closed || this.known.has(hash)) return;
    this.queued.push(Buffer.from(hash, 'hex'));
    if (this.queued.length >= FLUSH_EVERY) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Appends what was added since the last flush. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued.length === 0) return this.writing;
    const data = Buffer.concat(this.queued);
    this.queued = [];
    this.writing = this.writing
      .then(() => appendFile(this.path, data, { mode: 0o600 }))
      .catch((error: unknown) => console.error('could not note verified records (they will be verified again):', (error as Error).message));
    return this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
