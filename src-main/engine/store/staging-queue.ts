export type StagedRecords = ReadonlyArray<{ hash: string; bytes: Uint8Array }>;

/**
 * Records the journal made durable, waiting to go into their Automerge documents right after the
 * current turn (so an answer does not wait for the Automerge change). Readers drain it first.
 */
export class StagingQueue {
  private readonly queued: Array<[string, StagedRecords]> = [];
  /** The first failure to put records into a document: the journal must keep its files. */
  error: Error | null = null;

  constructor(private readonly stage: (name: string, records: StagedRecords) => void) {}

  push(name: string, records: StagedRecords): void {
    if (this.queued.push([name, records]) === 1) setImmediate(() => this.drain());
  }

  drain(): void {
    for (const [name, records] of this.queued.splice(0)) {
      try {
        this.stage(name, records);
      } catch (error) {
        this.error ??= error as Error;
        console.error('journaled records could not be put into their documents (the journal keeps them):', (error as Error).message);
      }
    }
  }
}
