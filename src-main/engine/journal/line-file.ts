import { open, type FileHandle } from 'node:fs/promises';

/**
 * An append-only text file kept open: one write per append, in call order. Not fsynced, so it
 * outlives a killed process (the page cache holds it) but not a power cut: for local history and
 * bookkeeping, never for acknowledged data (that goes through the RecordJournal).
 */
export class LineFile {
  private handle: Promise<FileHandle> | null = null;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly path: string) {}

  append(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.path} is closed`));
    const run = this.tail.then(async () => {
      this.handle ??= open(this.path, 'a', 0o600);
      let file: FileHandle;
      try {
        file = await this.handle;
      } catch (error) {
        this.handle = null; // e.g. the folder was busy: the next append tries again
        throw error;
      }
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < bytes.length) written += (await file.write(bytes, written, bytes.length - written)).bytesWritten;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle.catch(() => null))?.close();
  }
}
