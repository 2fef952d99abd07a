import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { recordHash } from '../records/signed';

/** A value found in a shared document: where, under which key, and its bytes. */
export interface Incoming {
  doc: string;
  key: string;
  bytes: Uint8Array;
}

export interface AbsorbResult {
  applied: number;
  quarantined: number;
  changedModels: string[];
}

export interface IngestDeps {
  /** Verifies and applies one batch (Engine.absorb: the RecordBook path every record takes). */
  absorb(batch: Incoming[]): Promise<AbsorbResult>;
  isAccepted(hash: string): boolean;
  onBatch(result: AbsorbResult): void;
}

const TARGET_MS = 15;
const MIN_BATCH = 16;
const MAX_BATCH = 1_000;

/**
 * Received records wait here and are verified in small batches, yielding to the event loop between
 * batches (setImmediate), so a 10k-model first sync never holds the engine host's thread for more
 * than one batch: commands keep being answered while it runs. A batch is sized to take ~15 ms
 * (Ed25519 verification alone is ~0.1 ms a record on the 2-core reference machine).
 */
export class IngestQueue {
  private items: Incoming[] = [];
  private head = 0;
  private draining: Promise<void> | null = null;
  received = 0;
  processed = 0;

  /** Adapts so one batch costs about TARGET_MS (verification speed varies by machine and load). */
  private batchSize = 64;

  constructor(private readonly deps: IngestDeps) {}

  get busy(): boolean {
    return this.draining !== null;
  }

  push(items: readonly Incoming[]): void {
    if (items.length === 0) return;
    for (const item of items) this.items.push(item);
    this.received += items.length;
    this.kick();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // Pushed after the loop ended but before this ran: start again.
      if (this.head < this.items.length) this.kick();
    });
  }

  /** Resolves once everything pushed so far has been verified and applied. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.head < this.items.length) {
      const batch = this.items.slice(this.head, this.head + this.batchSize);
      this.head += batch.length;
      // A copy of a record this engine already holds (same key, same bytes) needs no second verify.
      const fresh = batch.filter((item) => !(this.deps.isAccepted(item.key) && recordHash(item.bytes) === item.key));
      if (fresh.length > 0) {
        const started = performance.now();
        try {
          this.deps.onBatch(await this.deps.absorb(fresh));
        } catch (error) {
          console.error('sync: applying received records failed:', (error as Error).message);
        }
        const perRecord = (performance.now() - started) / fresh.length;
        // Grows at most twofold a batch: a batch of mostly known copies says little about the next.
        const fit = Math.round(TARGET_MS / Math.max(perRecord, 0.001));
        this.batchSize = Math.max(MIN_BATCH, Math.min(MAX_BATCH, fit, this.batchSize * 2));
      }
      this.processed += batch.length;
      if (this.head >= 10_000) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      await yieldToLoop();
    }
    this.items = [];
    this.head = 0;
  }
}
