import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * An append-only text file kept open. Appends are synchronous page-cache writes (~10 µs for a line,
 * no trip to the disk thread), so a line is in the file before the caller answers anyone: it
 * outlives a killed process. Not fsynced, so not a power cut: for local history and bookkeeping,
 * never for acknowledged shared data (that goes through the RecordJournal).
 */
export class LineFile {
  private fd: number | null = null;
  private closed = false;

  constructor(readonly path: string) {}

  append(text: string): void {
    if (this.closed) throw new Error(`${this.path} is closed`);
    this.fd ??= openSync(this.path, 'a', 0o600);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }

  close(): void {
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
