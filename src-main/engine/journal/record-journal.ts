import { constants, fdatasyncSync, ftruncateSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from '../store/file-storage';
import { decodeFrames, encodeFrame, type JournalFrame } from './frames';

export interface JournalOptions {
  /** Makes everything appended so far durable in the documents; after it, the journal files can go. */
  checkpoint: () => Promise<void>;
  /** Checkpoint once this many frames sit in the journal... */
  maxFrames?: number;
  /** ...or this many bytes... */
  maxBytes?: number;
  /** ...or after this long without an append. */
  idleMs?: number;
}

export interface JournalStats {
  writes: number;
  frames: number;
  checkpoints: number;
}

const FILE_NAME = /^(\d{12})\.log$/;
const fileName = (generation: number) => `${String(generation).padStart(12, '0')}.log`;
/** Where the OS offers it, each write is durable when it returns: one trip to the disk thread, not two. */
const DSYNC: number | undefined = constants.O_DSYNC;
const openForAppend = (path: string) => open(path, DSYNC === undefined ? 'a' : constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | DSYNC, 0o600);

/**
 * When the median of the last WRITES_SEEN writes made on the engine's thread is over this, writes
 * go to the disk thread... A median, because a healthy SSD here has a write of several ms now and
 * then (e.g. while a checkpoint flushes documents), and a slow disk is slow every time.
 */
const SLOW_WRITE_MS = 2;
const WRITES_SEEN = 16;
/** ...for this long, then are measured afresh. */
const OFF_THREAD_MS = 10_000;

/**
 * The write-ahead journal of records this engine signs (docs/routing.md, "Durability"). A record is
 * acknowledged once its frame is fdatasync'ed here: one small append instead of rewriting Automerge
 * documents on every call. Appends that arrive while a write is in flight share the next write
 * (group commit). A checkpoint flushes the documents, then drops the journal files they cover.
 */
export class RecordJournal {
  private io: Promise<unknown> = Promise.resolve();
  /** Work queued on `io` and not finished (writes, a checkpoint's file swap). */
  private busy = 0;
  /**
   * Until when writes stay off this thread: on a disk whose writes take several ms each, writing
   * here would stall every command behind each routed call.
   */
  private offThreadUntil = 0;
  /** How long the last writes made on this thread took, ms. */
  private onThreadMs: number[] = [];
  /** The write the next appends join, and how its callers hear back. */
  private nextWrite: { done: Promise<void>; settle: (error?: unknown) => void } | null = null;
  private pending: Buffer[] = [];
  private applies: Array<() => void> = [];
  private size = 0;
  private framesInFile = 0;
  private checkpointChain: Promise<void> = Promise.resolve();
  private queuedCheckpoint: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private failure: Error | null = null;
  private keepFiles = false;
  private closed = false;
  readonly stats: JournalStats = { writes: 0, frames: 0, checkpoints: 0 };

  private constructor(
    private readonly dir: string,
    private file: FileHandle,
    private generation: number,
    /** Older files whose frames the documents may not hold on disk yet. */
    private sealed: string[],
    private readonly options: JournalOptions,
  ) {}

  /** Opens the journal and returns what a previous run left in it, oldest first, for replay. */
  static async open(dataDir: string, options: JournalOptions): Promise<{ journal: RecordJournal; frames: JournalFrame[] }> {
    const dir = join(dataDir, 'journal');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const names = (await readdir(dir)).filter((n) => FILE_NAME.test(n)).sort();
    const frames: JournalFrame[] = [];
    for (const name of names) frames.push(...decodeFrames(await readFile(join(dir, name))).frames);
    const last = names.at(-1);
    const generation = last ? Number(FILE_NAME.exec(last)![1]) + 1 : 1;
    const file = await openForAppend(join(dir, fileName(generation)));
    await syncFolder(dir);
    const journal = new RecordJournal(dir, file, generation, names.map((n) => join(dir, n)), options);
    return { journal, frames };
  }

  /**
   * Resolves once every frame is on disk; frames appended in the same event-loop turn share one
   * write. `apply` hands them to the documents once durable, before this resolves and before any
   * later checkpoint, whose flush must cover them. `whole`: the caller appends every frame it has
   * (a routed call's charge and observations together), so the write need not wait for the turn's
   * other appends. With no write in flight it is made here and now, on this thread: the caller
   * waits for the disk either way, and the trip to a disk thread and back cost more than the
   * write itself (bench: routing overhead). Otherwise it joins the next write.
   */
  append(frames: readonly JournalFrame[], apply?: () => void, options: { whole?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    if (this.failure) return Promise.reject(new Error(`the journal cannot be written: ${this.failure.message}`));
    for (const frame of frames) this.pending.push(encodeFrame(frame));
    if (apply) this.applies.push(apply);
    if (!this.nextWrite && options.whole && this.busy === 0 && performance.now() >= this.offThreadUntil) return this.writeNow();
    if (!this.nextWrite) {
      let settle!: (error?: unknown) => void;
      const done = new Promise<void>((resolve, reject) => {
        settle = (error) => (error === undefined ? resolve() : reject(error));
      });
      this.nextWrite = { done, settle };
      const whole = options.whole === true;
      void this.enqueue(async () => {
        // Waiting one turn lets every append of this turn share the write; a whole append (here
        // because a write is in flight) need not wait for the turn as well.
        if (!whole) await new Promise<void>((resolve) => setImmediate(resolve));
        await this.writePending();
      });
    }
    const written = this.nextWrite.done;
    this.schedule();
    return written;
  }

  /** Flushes the documents and removes the journal files they now cover (sealing the current one). */
  checkpoint(): Promise<void> {
    if (this.queuedCheckpoint) return this.queuedCheckpoint;
    const run = this.checkpointChain.then(() => {
      this.queuedCheckpoint = null;
      return this.runCheckpoint();
    });
    this.queuedCheckpoint = run;
    this.checkpointChain = run.catch(() => undefined);
    return run;
  }

  /** Waits for writes in flight, checkpoints, and leaves no journal file behind. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.io;
    await this.checkpointChain;
    await this.options.checkpoint();
    await this.file.close();
    if (this.keepFiles) return;
    for (const path of [...this.sealed, join(this.dir, fileName(this.generation))]) await rm(path, { force: true });
    await syncFolder(this.dir);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    const run = this.io.then(work).finally(() => this.busy--);
    this.io = run.catch(() => undefined);
    return run;
  }

  private writeNow(): Promise<void> {
    const { batch, applies, data } = this.takePending();
    const started = performance.now();
    try {
      let written = 0;
      while (written < data.length) written += writeSync(this.file.fd, data, written, data.length - written);
      if (DSYNC === undefined) fdatasyncSync(this.file.fd);
    } catch (error) {
      this.failure = error as Error;
      try {
        ftruncateSync(this.file.fd, this.size);
      } catch {
        // the failure already stops every later append
      }
      return Promise.reject(error);
    }
    if (this.onThreadMs.push(performance.now() - started) > WRITES_SEEN) this.onThreadMs.shift();
    if (this.onThreadMs.length === WRITES_SEEN && [...this.onThreadMs].sort((a, b) => a - b)[WRITES_SEEN / 2]! > SLOW_WRITE_MS) {
      this.offThreadUntil = performance.now() + OFF_THREAD_MS;
      this.onThreadMs = [];
    }
    this.written(data, batch.length, applies);
    this.schedule();
    return Promise.resolve();
  }

  private takePending(): { batch: Buffer[]; applies: Array<() => void>; data: Buffer } {
    const batch = this.pending;
    const applies = this.applies;
    this.pending = [];
    this.applies = [];
    return { batch, applies, data: Buffer.concat(batch) };
  }

  private async writePending(): Promise<void> {
    const waiting = this.nextWrite!;
    this.nextWrite = null;
    const { batch, applies, data } = this.takePending();
    try {
      await this.writeAll(data);
    } catch (error) {
      // A write that failed may still have reached the disk in part: stop signing until a restart
      // settles what is there, rather than risk a second record at the same place in a chain.
      this.failure = error as Error;
      await this.file.truncate(this.size).catch(() => undefined);
      waiting.settle(error);
      return;
    }
    this.written(data, batch.length, applies);
    waiting.settle();
  }

  /** Only durable frames go on to the documents, before any later write or checkpoint. */
  private written(data: Buffer, frames: number, applies: ReadonlyArray<() => void>): void {
    const applyError = runAll(applies);
    if (applyError) {
      // Acknowledged frames missing from the documents: keep every journal file, so the next start
      // puts them back, rather than let a checkpoint drop them.
      this.keepFiles = true;
      console.error('journaled records could not be put into their documents (kept for the next start):', (applyError as Error).message);
    }
    this.size += data.length;
    this.framesInFile += frames;
    this.stats.writes++;
    this.stats.frames += frames;
  }

  private async writeAll(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) written += (await this.file.write(data, written, data.length - written)).bytesWritten;
    if (DSYNC === undefined) await this.file.datasync();
  }

  private schedule(): void {
    const { maxFrames = 2_000, maxBytes = 4 * 1024 * 1024, idleMs = 1_000 } = this.options;
    if (this.framesInFile + this.pending.length >= maxFrames || this.size >= maxBytes) {
      void this.checkpoint().catch(report);
      return;
    }
    if (this.idleTimer) this.idleTimer.refresh();
    else {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (!this.closed) void this.checkpoint().catch(report);
      }, idleMs);
      this.idleTimer.unref();
    }
  }

  private async runCheckpoint(): Promise<void> {
    if (this.closed) return;
    await this.enqueue(async () => {
      if (this.framesInFile === 0) return;
      // Seal the current file; appends from now on go to the next one while the documents flush.
      const next = await openForAppend(join(this.dir, fileName(this.generation + 1)));
      await syncFolder(this.dir);
      const old = this.file;
      this.sealed.push(join(this.dir, fileName(this.generation)));
      this.file = next;
      this.generation++;
      this.size = 0;
      this.framesInFile = 0;
      await old.close();
    });
    const covered = [...this.sealed];
    if (covered.length === 0) return;
    await this.options.checkpoint();
    if (this.keepFiles) return;
    for (const path of covered) await rm(path, { force: true });
    await syncFolder(this.dir);
    this.sealed = this.sealed.filter((p) => !covered.includes(p));
    this.stats.checkpoints++;
  }
}

function runAll(work: ReadonlyArray<() => void>): unknown {
  let first: unknown = null;
  for (const run of work) {
    try {
      run();
    } catch (error) {
      first ??= error;
    }
  }
  return first;
}

function report(error: unknown): void {
  console.error('journal checkpoint failed (retried at the next one):', (error as Error).message);
}
