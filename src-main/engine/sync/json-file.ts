import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeAtomically } from '../store/atomic-file';

/**
 * A small local (never shared) JSON file the sync layer keeps in the data folder: known peers,
 * acknowledged heads, truncation reports. Writes are debounced and serialised (writeAtomically's
 * temp name is per process, so two overlapping writes of one file must never run at once).
 */
export class JsonFile<T> {
  private timer: NodeJS.Timeout | null = null;
  private pending: (() => T) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly delayMs = 500,
  ) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      // A damaged local file costs only what it remembered (peers are re-learned): start over.
      console.error(`ignoring unreadable ${this.path}: ${(error as Error).message}`);
      return null;
    }
  }

  /** Writes `value()` soon; later calls before the write replace the value. */
  schedule(value: () => T): void {
    if (this.closed) return;
    this.pending = value;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes what is pending; later changes are not written (the engine is closing). */
  close(): Promise<void> {
    const done = this.flush();
    this.closed = true;
    return done;
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const value = this.pending;
    this.pending = null;
    if (!value) return this.chain;
    this.chain = this.chain.then(async () => {
      try {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        await writeAtomically(this.path, JSON.stringify(value()));
      } catch (error) {
        console.error(`could not write ${this.path}: ${(error as Error).message}`);
      }
    });
    return this.chain;
  }
}
