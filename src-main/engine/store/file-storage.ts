import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Chunk, StorageAdapterInterface, StorageKey } from '@automerge/automerge-repo';

/** Key segments become path segments; anything outside a safe alphabet is hex-escaped. */
export function segmentToName(segment: string): string {
  return /^[A-Za-z0-9_-]{1,200}$/.test(segment) ? segment : `~${Buffer.from(segment, 'utf8').toString('hex')}`;
}

export function nameToSegment(name: string): string {
  return name.startsWith('~') ? Buffer.from(name.slice(1), 'hex').toString('utf8') : name;
}

/**
 * automerge-repo storage that survives kill -9 at any moment: each value is written to a temp file,
 * fsynced, renamed over its final name, and the folder is fsynced so the rename itself is durable.
 * A crash leaves either the old value or the new one, never a torn file.
 */
export class DurableFileStorage implements StorageAdapterInterface {
  private readonly inFlight = new Set<Promise<void>>();
  /** Folders known to exist, so a save is not an mkdir syscall every time. */
  private readonly folders = new Set<string>();
  /**
   * The top-level key segments (one per document, plus the repo's own id) that may have files: read
   * once, then grown by every save. Loading a document nobody saved here answers at once instead of
   * failing a readdir: a first sync asks for hundreds of new documents, and answers that came back
   * from disk all in the same I/O turn ran the repo's work on all of them as one long stall.
   */
  private present: Promise<Set<string>> | null = null;
  private closed = false;

  constructor(private readonly root: string) {}

  /**
   * Waits for the writes in flight and ignores any later one. automerge-repo's throttled saves can
   * outlive `repo.flush()`; without this a write could land after close, racing whoever opens or
   * removes the folder next. (flush has already written everything, so nothing is lost.)
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async tracked(work: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    const running = work();
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  private topLevel(): Promise<Set<string>> {
    this.present ??= readdir(this.root).then(
      (names) => new Set(names.filter((n) => !n.includes('.tmp-')).map(nameToSegment)),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return new Set<string>();
        this.present = null;
        throw error;
      },
    );
    return this.present;
  }

  /** False only when nothing was ever saved under this key's first segment. */
  private async mayExist(key: StorageKey): Promise<boolean> {
    return key.length === 0 || (await this.topLevel()).has(key[0]!);
  }

  private pathOf(key: StorageKey): string {
    return join(this.root, ...key.map(segmentToName));
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    if (!(await this.mayExist(key))) return undefined;
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  save(key: StorageKey, data: Uint8Array): Promise<void> {
    return this.tracked(() => this.write(key, data));
  }

  private async write(key: StorageKey, data: Uint8Array): Promise<void> {
    if (key.length > 0) (await this.topLevel()).add(key[0]!);
    const target = this.pathOf(key);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      // A new folder is itself a directory entry: durable only once its parent is synced.
      await mkdir(folder, { recursive: true });
      await syncFolder(dirname(folder));
      this.folders.add(folder);
    }
    const temp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(data);
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
    await syncFolder(folder);
  }

  remove(key: StorageKey): Promise<void> {
    return this.tracked(() => rm(this.pathOf(key), { force: true }));
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    if (!(await this.mayExist(keyPrefix))) return [];
    const chunks: Chunk[] = [];
    await this.walk(this.pathOf(keyPrefix), keyPrefix, chunks);
    return chunks;
  }

  removeRange(keyPrefix: StorageKey): Promise<void> {
    this.folders.clear();
    return this.tracked(() => rm(this.pathOf(keyPrefix), { recursive: true, force: true }));
  }

  private async walk(path: string, key: StorageKey, into: Chunk[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code === 'ENOTDIR') {
        into.push({ key, data: new Uint8Array(await readFile(path)) });
        return;
      }
      throw error;
    }
    for (const entry of entries) {
      // Leftover temp files are writes that never completed: not data.
      if (entry.name.includes('.tmp-')) continue;
      const childKey = [...key, nameToSegment(entry.name)];
      const childPath = join(path, entry.name);
      if (entry.isDirectory()) await this.walk(childPath, childKey, into);
      else into.push({ key: childKey, data: new Uint8Array(await readFile(childPath)) });
    }
  }
}

export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
