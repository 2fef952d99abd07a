import { IngestTally } from '../ingest-tally';
import type { RecordBook } from './record-book';

/** The longest a timer may wait in Node (about 24.8 days); a later time is waited for in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Records held for their time (records/set-aside.ts) take effect on time: a timer wakes when the
 * earliest is due. An engine on an injected clock (tests) need not wait for timers: every command,
 * absorb and tick releases what is due before it reads anything.
 */
export class HeldClock {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly book: RecordBook,
    private readonly clock: () => number,
    /** What every ingest ends with (Engine.afterIngest). */
    private readonly afterIngest: (tally: IngestTally) => Promise<void>,
  ) {}

  isDue(): boolean {
    const next = this.book.nextHeldAt();
    return next !== null && next <= this.clock();
  }

  /** Applies the held records whose time has come, then waits for the next. */
  async release(): Promise<void> {
    const tally = new IngestTally();
    for (const outcome of this.book.releaseDue(this.clock())) tally.add(outcome);
    if (tally.applied > 0 || tally.quarantined.size > 0) await this.afterIngest(tally);
    this.schedule();
  }

  /** Runs `work` once what is due took effect (a command on an injected clock then sees it). */
  before<T>(work: () => Promise<T>): Promise<T> {
    if (!this.isDue()) return work();
    return this.release().then(work, (error: unknown) => {
      console.error('held records could not take effect:', (error as Error).message);
      return work();
    });
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.book.nextHeldAt();
    if (next === null || this.stopped) return;
    const delay = Math.min(Math.max(0, next - this.clock()) + 5, MAX_DELAY_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.release().catch((e: unknown) => console.error('held records could not take effect:', (e as Error).message));
    }, delay);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
