import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Verdicts } from '../records/signature-pool';
import { recordHash } from '../records/signed';

/** A value found in a shared document: where, under which key, and its bytes. */
export interface Incoming {
  doc: string;
  key: string;
  bytes: Uint8Array;
  /** The sha256 of `bytes`, set once a signature worker computed it (never the key: that is a peer's claim). */
  hash?: string;
}

export interface AbsorbResult {
  applied: number;
  quarantined: number;
  changedModels: string[];
}

export interface IngestDeps {
  /**
   * Verifies and applies one batch (Engine.absorb: the RecordBook path every record takes), without
   * refreshing the catalog rows of the models it changed: the queue gathers those for `refresh`.
   */
  absorb(batch: Incoming[]): Promise<AbsorbResult>;
  /** Rebuilds the catalog rows of these models (and tells the windows). */
  refresh(modelIds: string[]): Promise<void>;
  isAccepted(hash: string): boolean;
  /**
   * Checks signatures ahead, off the engine's thread, so absorb need not (SignaturePool), and
   * answers each record's sha256 (null where it could not confirm it, which absorb then verifies
   * itself): this only ever saves work.
   */
  preverify(batch: Incoming[]): Promise<Verdicts>;
  /** Checks the batch signatures among records that arrived together, before any of them is verified. */
  noteBatches(batch: Incoming[]): void;
  onBatch(result: AbsorbResult): void;
}

const TARGET_MS = 15;
/**
 * Changed models are refreshed together at most this often while records keep coming, and always
 * before the queue goes idle. Per batch, a first sync rebuilt most models twice (listing, then
 * price) and re-sorted the catalog index for every catalog.list in between.
 */
const REFRESH_MS = 100;
const MIN_BATCH = 16;
const MAX_BATCH = 1_000;
/** Records sent to be verified together; absorbed in order once their verification is back. */
const CHUNK = 256;

interface Chunk {
  items: Incoming[];
  verified: Promise<void>;
}

/**
 * Received records wait here. Their signatures are verified on worker threads as soon as they
 * arrive (several chunks ahead), then they are applied in order in small batches, yielding to the
 * event loop between batches (setImmediate), so a 10k-model first sync never holds the engine
 * host's thread for more than one batch: commands keep being answered while it runs. A batch is
 * sized to take ~15 ms.
 */
export class IngestQueue {
  private chunks: Chunk[] = [];
  private draining: Promise<void> | null = null;
  private readonly stale = new Set<string>();
  private refreshedAt = 0;
  received = 0;
  processed = 0;

  /** Adapts so one batch costs about TARGET_MS (speed varies by machine, load and what was preverified). */
  private batchSize = 64;

  constructor(private readonly deps: IngestDeps) {}

  get busy(): boolean {
    return this.draining !== null;
  }

  /** A copy of a record this engine already holds (same key, same bytes) needs no second check. */
  private known(item: Incoming): boolean {
    return this.deps.isAccepted(item.key) && (item.hash ?? recordHash(item.bytes)) === item.key;
  }

  push(items: readonly Incoming[]): void {
    if (items.length === 0) return;
    this.deps.noteBatches(items.filter((item) => !this.deps.isAccepted(item.key)));
    for (let i = 0; i < items.length; i += CHUNK) {
      const part = items.slice(i, i + CHUNK);
      const fresh = part.filter((item) => !this.deps.isAccepted(item.key));
      const verified = fresh.length > 0 ? this.preverify(fresh) : Promise.resolve();
      this.chunks.push({ items: part, verified });
    }
    this.received += items.length;
    this.kick();
  }

  private async preverify(items: Incoming[]): Promise<void> {
    try {
      const verdicts = await this.deps.preverify(items);
      items.forEach((item, i) => {
        const hash = verdicts[i];
        if (hash) item.hash = hash;
      });
    } catch (error) {
      console.error('sync: verifying ahead failed:', (error as Error).message);
    }
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      // Pushed after the loop ended but before this ran: start again.
      if (this.chunks.length > 0) this.kick();
    });
  }

  /** Resolves once everything pushed so far has been verified and applied. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      await chunk.verified;
      for (let at = 0; at < chunk.items.length; ) {
        const batch = chunk.items.slice(at, at + this.batchSize);
        at += batch.length;
        const fresh = batch.filter((item) => !this.known(item));
        if (fresh.length > 0) await this.apply(fresh);
        this.processed += batch.length;
        if (performance.now() - this.refreshedAt >= REFRESH_MS) await this.refresh();
        await yieldToLoop();
      }
      this.chunks.shift();
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    this.refreshedAt = performance.now();
    if (this.stale.size === 0) return;
    const ids = [...this.stale];
    this.stale.clear();
    try {
      await this.deps.refresh(ids);
    } catch (error) {
      console.error('sync: refreshing changed models failed:', (error as Error).message);
    }
  }

  private async apply(fresh: Incoming[]): Promise<void> {
    const started = performance.now();
    try {
      const result = await this.deps.absorb(fresh);
      for (const id of result.changedModels) this.stale.add(id);
      this.deps.onBatch(result);
    } catch (error) {
      console.error('sync: applying received records failed:', (error as Error).message);
    }
    const perRecord = (performance.now() - started) / fresh.length;
    // Grows at most twofold a batch: a batch of mostly known copies says little about the next.
    const fit = Math.round(TARGET_MS / Math.max(perRecord, 0.001));
    this.batchSize = Math.max(MIN_BATCH, Math.min(MAX_BATCH, fit, this.batchSize * 2));
  }
}
