export type StagedRecords = ReadonlyArray<{ hash: string; bytes: Uint8Array }>;

/**
 * How long records wait to go into their documents. An Automerge change copies the changed map, so
 * its cost grows with the document (1.2 ms a call at 500 calls in a month's document, 3 ms at 3,000):
 * records of calls made within this window share one change per document.
 */
export const STAGE_AFTER_MS = 100;

/**
 * Records the journal made durable, waiting to go into their Automerge documents shortly after (so
 * an answer does not wait for the Automerge change, and calls in a row share one). Readers drain it
 * first, so nobody reading the documents misses them.
 */
export class StagingQueue {
  private queued = new Map<string, Array<StagedRecords[number]>>();
  private timer: NodeJS.Timeout | null = null;
  /** The first failure to put records into a document: the journal must keep its files. */
  error: Error | null = null;

  constructor(
    private readonly stage: (name: string, records: StagedRecords) => void,
    private readonly afterMs = STAGE_AFTER_MS,
  ) {}

  push(name: string, records: StagedRecords): void {
    const waiting = this.queued.get(name);
    if (waiting) waiting.push(...records);
    else this.queued.set(name, [...records]);
    if (this.timer) return;
    this.timer = setTimeout(() => this.drain(), this.afterMs);
    // The journal holds them, and its checkpoint drains the queue: no reason to keep a process alive.
    this.timer.unref();
  }

  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued.size === 0) return;
    const queued = this.queued;
    this.queued = new Map();
    for (const [name, records] of queued) {
      try {
        this.stage(name, records);
      } catch (error) {
        this.error ??= error as Error;
        console.error('journaled records could not be put into their documents (the journal keeps them):', (error as Error).message);
      }
    }
  }
}
