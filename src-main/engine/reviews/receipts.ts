import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineFile } from '../journal/line-file';

/**
 * When this engine first received a review, and first heard of an identity: local facts (a signed
 * timestamp can be backdated), kept across restarts so burst holds do not restart with the engine.
 */
export class Receipts {
  private pending: string[] = [];
  private readonly file: LineFile;

  private constructor(
    path: string,
    private readonly seen: Map<string, number>,
  ) {
    this.file = new LineFile(path);
  }

  static async open(dataDir: string): Promise<Receipts> {
    const path = join(dataDir, 'receipts.jsonl');
    const seen = new Map<string, number>();
    try {
      for (const line of (await readFile(path, 'utf8')).split('\n')) {
        if (!line) continue;
        try {
          const [key, at] = JSON.parse(line) as [string, number];
          if (typeof key === 'string' && Number.isSafeInteger(at) && !seen.has(key)) seen.set(key, at);
        } catch {
          // a line torn by a crash: the fact is re-learned when the record is seen again
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new Receipts(path, seen);
  }

  /** The first time `key` was seen; records `now` if it is new. */
  note(key: string, now: number): number {
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    this.seen.set(key, now);
    this.pending.push(`${JSON.stringify([key, now])}\n`);
    return now;
  }

  get(key: string): number | undefined {
    return this.seen.get(key);
  }

  /** Writes what was noted since the last flush (a synchronous append: see LineFile). */
  async flush(): Promise<void> {
    this.flushNow();
  }

  /** `flush`, for a caller that must not wait a turn (a routed call's answer). */
  flushNow(): void {
    if (this.pending.length === 0) return;
    const lines = this.pending.join('');
    this.pending = [];
    this.file.append(lines);
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.file.close();
  }
}
