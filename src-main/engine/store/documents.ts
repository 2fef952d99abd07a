import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Repo, type AutomergeUrl, type DocHandle, type NetworkAdapterInterface } from '@automerge/automerge-repo';
import { DurableFileStorage, syncFolder } from './file-storage';

/** A shared document: signed records as single bytes values keyed by their hash. */
export interface RecordDoc {
  records: Record<string, Uint8Array>;
}

/** The root document: which record documents exist, by name (e.g. `catalog/<producerKey>`). */
export interface IndexDoc {
  docs: Record<string, AutomergeUrl>;
}

interface RootFile {
  indexUrl: AutomergeUrl;
}

/**
 * The durable source of truth (DESIGN.md): automerge-repo over fsync-ing file storage. One document
 * per producer catalog / identity / marketplace, listed in an index document. Every append is
 * flushed to disk before it resolves, so an acknowledged record survives a crash.
 */
export class DocumentStore {
  private constructor(
    readonly repo: Repo,
    private readonly index: DocHandle<IndexDoc>,
    private readonly handles: Map<string, DocHandle<RecordDoc>>,
    private readonly storage: DurableFileStorage,
  ) {}

  static async open(dataDir: string, network: NetworkAdapterInterface[] = []): Promise<DocumentStore> {
    const docsDir = join(dataDir, 'docs');
    await mkdir(docsDir, { recursive: true, mode: 0o700 });
    const storage = new DurableFileStorage(docsDir);
    const repo = new Repo({ storage, network, saveDebounceRate: 50 });
    const rootPath = join(dataDir, 'root.json');
    const root = await readRoot(rootPath);
    let index: DocHandle<IndexDoc>;
    if (root) {
      index = await repo.find<IndexDoc>(root.indexUrl);
    } else {
      index = repo.create<IndexDoc>({ docs: {} });
      await repo.flush([index.documentId]);
      await writeAtomically(rootPath, JSON.stringify({ indexUrl: index.url } satisfies RootFile));
    }
    const handles = new Map<string, DocHandle<RecordDoc>>();
    const names = Object.entries(index.doc()?.docs ?? {});
    const found = await Promise.all(names.map(([, url]) => repo.find<RecordDoc>(url)));
    names.forEach(([name], i) => handles.set(name, found[i]!));
    return new DocumentStore(repo, index, handles, storage);
  }

  get indexUrl(): AutomergeUrl {
    return this.index.url;
  }

  docNames(): string[] {
    return [...this.handles.keys()].sort();
  }

  /** Every record bytes value of one document. */
  records(name: string): Array<[string, Uint8Array]> {
    const doc = this.handles.get(name)?.doc();
    return doc ? Object.entries(doc.records) : [];
  }

  has(name: string, hash: string): boolean {
    return this.handles.get(name)?.doc()?.records[hash] !== undefined;
  }

  /** Appends records to a document (created on first use) and resolves once they are on disk. */
  async append(name: string, records: ReadonlyArray<{ hash: string; bytes: Uint8Array }>): Promise<void> {
    const handle = this.handleFor(name);
    const doc = handle.doc();
    const fresh = records.filter((r) => doc?.records[r.hash] === undefined);
    if (fresh.length > 0) {
      handle.change((d) => {
        for (const r of fresh) d.records[r.hash] = r.bytes;
      });
    }
    await this.repo.flush([handle.documentId, this.index.documentId]);
  }

  private handleFor(name: string): DocHandle<RecordDoc> {
    const existing = this.handles.get(name);
    if (existing) return existing;
    const handle = this.repo.create<RecordDoc>({ records: {} });
    this.handles.set(name, handle);
    this.index.change((d) => {
      d.docs[name] = handle.url;
    });
    return handle;
  }

  async close(): Promise<void> {
    await this.repo.flush();
    await this.repo.shutdown();
    await this.storage.close();
  }
}

async function readRoot(path: string): Promise<RootFile | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<RootFile>;
    if (typeof parsed.indexUrl !== 'string') throw new Error(`${path} has no indexUrl`);
    return { indexUrl: parsed.indexUrl };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Small local files (root pointer, settings, keys) are replaced atomically and durably too. */
export async function writeAtomically(path: string, content: string, mode = 0o600): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, content, { mode });
  const handle = await open(temp, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncFolder(join(path, '..'));
}
