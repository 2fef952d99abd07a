import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Repo,
  isValidAutomergeUrl,
  type AutomergeUrl,
  type DocHandle,
  type DocHandleChangePayload,
  type DocumentId,
  type NetworkAdapterInterface,
  type PeerId,
} from '@automerge/automerge-repo';
import { isDocName, recordsOf, type IndexDoc, type RecordDoc, type StoreChange, type StoredDoc } from './doc-types';
import { DurableFileStorage } from './file-storage';
import { readRoot, writeRoot } from './root-file';
import { StagingQueue, type StagedRecords } from './staging-queue';

// Other modules import these from here, where they always were.
export { isDocName, recordsOf };
export type { IndexDoc, RecordDoc, StoreChange, StoredDoc };

export interface StoreOptions {
  network?: NetworkAdapterInterface[];
  /** The automerge-repo peer id: sync uses this device's public key, which peers authenticate. */
  peerId?: string;
}

const LIST_EVERY_MS = 100;


/**
 * The durable source of truth (docs/architecture.md): automerge-repo over fsync-ing file storage. One document
 * per producer catalog / identity / marketplace / ledger period, listed in an index document. Every
 * append is flushed to disk before it resolves, so an acknowledged record survives a crash.
 */
export class DocumentStore {
  private readonly byUrl = new Map<AutomergeUrl, StoredDoc>();
  /** Each name's documents in URL order (most names have one). */
  private readonly byName = new Map<string, StoredDoc[]>();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** Index entries whose document is not here yet (a peer listed it; nobody has sent it). */
  private readonly missing = new Map<AutomergeUrl, string>();
  private localDepth = 0;
  private readonly unlisted = new Map<AutomergeUrl, string>();
  private closing = false;
  /** Documents this engine changed that may not be on disk yet. */
  private readonly dirty = new Set<DocumentId>();
  private readonly staging = new StagingQueue((name, records) => this.stage(name, records));

  private constructor(
    readonly repo: Repo,
    readonly index: DocHandle<IndexDoc>,
    private readonly storage: DurableFileStorage,
  ) {
    index.on('change', (payload) => this.notify({ url: index.url, name: null, local: this.localDepth > 0, payload }));
  }

  static async open(dataDir: string, options: StoreOptions = {}): Promise<DocumentStore> {
    const docsDir = join(dataDir, 'docs');
    await mkdir(docsDir, { recursive: true, mode: 0o700 });
    const storage = new DurableFileStorage(docsDir);
    // This engine's own records are durable through its journal before they are acknowledged, so
    // automerge-repo's background saves can be rare: each one is several fsyncs that would otherwise
    // queue in front of the journal's on the same disk. What peers send is theirs to send again, and
    // sync saves the documents a first sync brings itself, paced, once their records are in
    // (AdoptedSaves): the repo's own saves must not come due first, all in one timer tick.
    const repo = new Repo({ storage, network: options.network ?? [], peerId: options.peerId as PeerId | undefined, saveDebounceRate: 5_000 });
    const root = await readRoot(dataDir);
    let index: DocHandle<IndexDoc>;
    if (root) {
      index = await repo.find<IndexDoc>(root.indexUrl);
    } else {
      index = repo.create<IndexDoc>({ docs: {} });
      await repo.flush([index.documentId]);
      await writeRoot(dataDir, { indexUrl: index.url });
    }
    const store = new DocumentStore(repo, index, storage);
    const entries = store.indexEntries();
    // Offline, a document that never arrived is "unavailable", not an error: it is kept as missing.
    const found = await Promise.all(entries.map(([url]) => repo.find<RecordDoc>(url, { allowableStates: ['ready', 'unavailable'] })));
    entries.forEach(([url, name], i) => {
      if (found[i]!.isReady()) store.register(url, name, found[i]!);
      else store.missing.set(url, name);
    });
    return store;
  }

  get indexUrl(): AutomergeUrl {
    return this.index.url;
  }

  /** The valid entries of this engine's index (peers can write into it; junk is skipped). */
  indexEntries(): Array<[AutomergeUrl, string]> {
    this.staging.drain();
    const docs = this.index.doc()?.docs;
    if (!docs || typeof docs !== 'object') return [];
    return Object.entries(docs).filter((e): e is [AutomergeUrl, string] => isValidAutomergeUrl(e[0]) && isDocName(e[1]));
  }

  docNames(): string[] {
    this.staging.drain();
    return [...this.byName.keys()].sort();
  }

  get size(): number {
    return this.byUrl.size;
  }

  /** Every loaded record document, in URL order. */
  documents(): StoredDoc[] {
    this.staging.drain();
    return [...this.byUrl.values()].sort((a, b) => (a.url < b.url ? -1 : 1));
  }

  document(url: AutomergeUrl): StoredDoc | undefined {
    this.staging.drain();
    return this.byUrl.get(url);
  }

  missingDocuments(): Array<[AutomergeUrl, string]> {
    return [...this.missing.entries()];
  }

  private urlsOf(name: string): StoredDoc[] {
    return this.byName.get(name) ?? [];
  }

  /** Every record bytes value stored under a name, across all its documents (first copy of a key wins). */
  records(name: string): Array<[string, Uint8Array]> {
    this.staging.drain();
    const out = new Map<string, Uint8Array>();
    for (const { handle } of this.urlsOf(name)) {
      for (const [key, value] of Object.entries(recordsOf(handle.doc()))) {
        if (value instanceof Uint8Array && !out.has(key)) out.set(key, value);
      }
    }
    return [...out.entries()];
  }

  has(name: string, hash: string): boolean {
    this.staging.drain();
    return this.urlsOf(name).some(({ handle }) => recordsOf(handle.doc())[hash] !== undefined);
  }

  /**
   * Appends records under a name and resolves once they are on disk. They go to the name's document
   * with the smallest URL, so engines that made one each converge on writing to the same one.
   */
  async append(name: string, records: ReadonlyArray<{ hash: string; bytes: Uint8Array }>): Promise<void> {
    const target = this.stage(name, records);
    await this.repo.flush([target.handle.documentId, this.index.documentId]);
  }

  /**
   * Appends records under a name in memory only: automerge-repo saves them soon, `flushDirty` at
   * once. Whoever acknowledges them must have made them durable another way (the engine's journal).
   */
  stage(name: string, records: StagedRecords): StoredDoc {
    this.staging.drain(); // in order: what was handed over earlier goes in first
    const target = this.urlsOf(name)[0] ?? this.create(name);
    const current = recordsOf(target.handle.doc());
    const fresh = records.filter((r) => current[r.hash] === undefined);
    if (fresh.length > 0) this.write(target.url, fresh.map((r) => [r.hash, r.bytes]));
    return target;
  }

  /** Puts in every record handed over and still waiting (StagingQueue), now. */
  stageWaiting(): void {
    this.staging.drain();
  }

  /** `stage`, within STAGE_AFTER_MS (see StagingQueue): the journal made the records durable. */
  stageSoon(name: string, records: StagedRecords): void {
    this.staging.push(name, records);
  }

  /** Flushes to disk every document this engine changed since the last call (the journal's checkpoint). */
  async flushDirty(): Promise<void> {
    this.staging.drain();
    // A checkpoint must not drop journal files whose records are not in the documents.
    if (this.staging.error) throw new Error(`journaled records could not be put into their documents: ${this.staging.error.message}`);
    const ids = [...this.dirty];
    this.dirty.clear();
    try {
      await this.repo.flush(ids);
    } catch (error) {
      for (const id of ids) this.dirty.add(id);
      throw error;
    }
  }

  /** Sets records in one document as this engine (e.g. putting back records a peer deleted). */
  write(url: AutomergeUrl, entries: ReadonlyArray<readonly [string, Uint8Array]>): void {
    const doc = this.byUrl.get(url);
    if (!doc || entries.length === 0) return;
    this.dirty.add(doc.handle.documentId);
    this.local(() =>
      doc.handle.change((d) => {
        // A peer may have replaced or removed the map itself: records go back into a map either way.
        if (typeof d.records !== 'object' || d.records === null || d.records instanceof Uint8Array) d.records = {};
        // A copy: bytes read out of a document (e.g. from before a peer's change) cannot be put back as they are.
        for (const [key, bytes] of entries) d.records[key] = bytes.slice();
      }),
    );
  }

  /** Puts entries back into this engine's own index (a peer removed them). */
  writeIndex(entries: ReadonlyArray<readonly [AutomergeUrl, string]>): void {
    if (entries.length === 0) return;
    this.dirty.add(this.index.documentId);
    this.local(() =>
      this.index.change((d) => {
        if (typeof d.docs !== 'object' || d.docs === null) d.docs = {};
        for (const [url, name] of entries) d.docs[url] = name;
      }),
    );
  }

  /**
   * Takes in a document a peer listed: resolves to it once it is here, or null while no connected
   * peer has sent it (it stays listed as missing; call again later).
   */
  async adopt(url: AutomergeUrl, name: string): Promise<StoredDoc | null> {
    const known = this.byUrl.get(url);
    if (known) return known;
    if (!isValidAutomergeUrl(url) || !isDocName(name)) return null;
    this.missing.set(url, name);
    const handle = await this.repo.find<RecordDoc>(url, { allowableStates: ['ready', 'unavailable'] });
    if (!handle.isReady()) return null;
    const existing = this.byUrl.get(url);
    if (existing) return existing;
    this.missing.delete(url);
    const doc = this.register(url, name, handle);
    if (this.index.doc()?.docs?.[url] !== name) this.listLater(url, name);
    return doc;
  }

  /**
   * Adopted documents are listed in the index together, at most every LIST_EVERY_MS: each index
   * change is also a sync message to every peer (which applies it and rescans the index), and a
   * first sync adopts documents by the hundred, a few per event-loop turn.
   */
  private listLater(url: AutomergeUrl, name: string): void {
    this.unlisted.set(url, name);
    if (this.unlisted.size > 1) return;
    setTimeout(() => {
      const entries = [...this.unlisted];
      this.unlisted.clear();
      if (!this.closing) this.writeIndex(entries);
    }, LIST_EVERY_MS);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private create(name: string): StoredDoc {
    const handle = this.repo.create<RecordDoc>({ records: {} });
    const doc = this.register(handle.url, name, handle);
    this.writeIndex([[handle.url, name]]);
    return doc;
  }

  private register(url: AutomergeUrl, name: string, handle: DocHandle<RecordDoc>): StoredDoc {
    const doc: StoredDoc = { url, name, handle };
    this.byUrl.set(url, doc);
    const named = [...this.urlsOf(name), doc].sort((a, b) => (a.url < b.url ? -1 : 1));
    this.byName.set(name, named);
    handle.on('change', (payload) => this.notify({ url, name, local: this.localDepth > 0, payload: payload as DocHandleChangePayload<unknown> }));
    return doc;
  }

  /** Changes made inside `work` are this engine's own: listeners see them as local. */
  private local(work: () => void): void {
    this.localDepth++;
    try {
      work();
    } finally {
      this.localDepth--;
    }
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('document change listener failed:', (error as Error).message);
      }
    }
  }

  async close(): Promise<void> {
    this.staging.drain();
    if (this.unlisted.size > 0) this.writeIndex([...this.unlisted]);
    this.unlisted.clear();
    this.closing = true;
    this.listeners.clear();
    // What repo.shutdown() does, but flushing only documents that are here: flushing a handle still
    // waiting for a peer (a listed document nobody sent yet) throws.
    this.repo.networkSubsystem.disconnect();
    const ready = Object.values(this.repo.handles).filter((h) => h.isReady());
    await this.repo.flush(ready.map((h) => h.documentId));
    await this.storage.close();
  }
}
