import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredDoc } from '../store/documents';

/** Documents are saved a few per event-loop turn: each first save compresses the whole document. */
const SAVE_MS = 8;
/** While records keep arriving, saving waits, but never longer than this after a document arrived. */
const SAVE_WITHIN_MS = 3_000;
const CHECK_MS = 50;

interface Waiting {
  doc: StoredDoc;
  since: number;
}

export interface AdoptedSavesDeps {
  /** Records are still being verified and applied (the ingest queue or adoptions are busy). */
  busy(): boolean;
  save(doc: StoredDoc): Promise<void>;
}

/**
 * Saves the documents a first sync brings, after it. A document's first save is Automerge's full,
 * compressed save (a few ms each): made as each document arrived, it took a sixth of the engine
 * thread's time while the catalog was still arriving. What peers sent is theirs to send again (a
 * crash before the save only means fetching it again), so the saves wait until the records are in,
 * at most SAVE_WITHIN_MS, and then run paced so that no turn stalls.
 */
export class AdoptedSaves {
  private readonly waiting: Waiting[] = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly deps: AdoptedSavesDeps) {}

  get pending(): number {
    return this.waiting.length;
  }

  add(doc: StoredDoc): void {
    if (this.closed) return;
    this.waiting.push({ doc, since: performance.now() });
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  private due(): boolean {
    const first = this.waiting[0];
    return first !== undefined && (!this.deps.busy() || performance.now() - first.since >= SAVE_WITHIN_MS);
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0 && !this.closed) {
      if (!this.due()) {
        await sleep(CHECK_MS);
        continue;
      }
      const started = performance.now();
      while (this.due() && performance.now() - started < SAVE_MS) {
        const { doc } = this.waiting.shift()!;
        this.deps.save(doc).catch((error: unknown) => console.error(`sync: saving ${doc.name} failed:`, (error as Error).message));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops; the document store's close saves whatever is still waiting. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }
}
