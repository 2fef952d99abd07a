import { join } from 'node:path';
import type { Truncation } from '../../../src-shared/sync';
import { JsonFile } from './json-file';

const KEEP = 1_000;
const HASHES_PER_REPORT = 50;

/**
 * Reports of peers deleting or replacing records (or index entries) this engine held. The records
 * themselves were put back into the shared document; the report is local knowledge, kept in the
 * data folder so it outlives a restart (a restart cannot rediscover it without replaying history).
 */
export class TruncationLog {
  private items: Truncation[] = [];
  private readonly file: JsonFile<{ items: Truncation[] }>;

  constructor(
    dataDir: string,
    private readonly clock: () => number,
    private readonly onAdd: () => void,
  ) {
    this.file = new JsonFile(join(dataDir, 'sync', 'truncations.json'));
  }

  async load(): Promise<void> {
    const stored = await this.file.read();
    if (Array.isArray(stored?.items)) this.items = stored.items.slice(-KEEP);
  }

  add(report: Omit<Truncation, 'detectedAt'>): void {
    this.items.push({ ...report, hashes: report.hashes.slice(0, HASHES_PER_REPORT), detectedAt: this.clock() });
    if (this.items.length > KEEP) this.items.splice(0, this.items.length - KEEP);
    this.file.schedule(() => ({ items: this.items }));
    this.onAdd();
  }

  get size(): number {
    return this.items.length;
  }

  list(): Truncation[] {
    return [...this.items];
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
