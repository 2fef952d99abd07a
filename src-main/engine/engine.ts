import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EventMessage, EventName, EventPayload } from '../../src-shared/contract';
import { AppError, type ErrorShape } from '../../src-shared/errors';
import { CatalogIndex } from './catalog/catalog-index';
import { toModelRow } from './catalog/catalog-rows';
import { CatalogState } from './catalog/catalog-state';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';
import { loadOrCreateKeys, type LocalKeys } from './identity/identity';
import { SignatureVerifier } from './identity/keys';
import { MarketplaceState } from './marketplace/marketplace-state';
import { RecordBook } from './records/record-book';
import { draftOf, signRecord, type SignedRecord } from './records/signed';
import { SettingsStore } from './settings/settings';
import { DocumentStore, writeAtomically } from './store/documents';
import { openQueryStore, type QueryDatabase } from './store/query-store';

export const ENGINE_VERSION = '0.1.0';

export interface EngineOptions {
  dataDir: string;
  /** ajv schema validation, RxDB dev-mode and output checks: tests and development only. */
  validate?: boolean;
  clock?: () => number;
}

export type Answer = { ok: true; result: unknown } | { ok: false; error: ErrorShape };
export type EventListener = (message: EventMessage) => void;

/**
 * The marketplace engine: plain Node, never imports electron. The Electron main process forks it as a
 * utilityProcess; `infiniroute serve` hosts the same engine over HTTP/WebSocket.
 */
export class Engine {
  readonly catalogIndex = new CatalogIndex();
  readonly startedAt: number;
  private readonly listeners = new Set<EventListener>();
  private readonly dispatcher: Dispatch;
  private priceTimer: NodeJS.Timeout | null = null;
  private repricedUpTo: number;
  private closed = false;

  private constructor(
    readonly dataDir: string,
    readonly keys: LocalKeys,
    readonly docs: DocumentStore,
    readonly db: QueryDatabase,
    readonly marketplace: MarketplaceState,
    readonly catalog: CatalogState,
    readonly book: RecordBook,
    readonly settings: SettingsStore,
    readonly clock: () => number,
    validate: boolean,
  ) {
    this.startedAt = clock();
    this.repricedUpTo = this.startedAt;
    this.dispatcher = createDispatcher(createHandlers(this), { validateOutput: validate });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const dataDir = resolve(options.dataDir);
    const clock = options.clock ?? Date.now;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const { keys, created } = await loadOrCreateKeys(dataDir);
    const marketplaceId = await readMarketplaceId(dataDir);
    const docs = await DocumentStore.open(dataDir);
    const db = await openQueryStore({ validate: options.validate ?? false });
    const marketplace = new MarketplaceState(marketplaceId, keys.treasury?.publicKey ?? null);
    const catalog = new CatalogState();
    const book = new RecordBook(marketplace, catalog, new SignatureVerifier());
    const settings = await SettingsStore.open(dataDir);
    const engine = new Engine(dataDir, keys, docs, db, marketplace, catalog, book, settings, clock, options.validate ?? false);
    await engine.rebuild();
    if (created) await engine.certifyDevice();
    engine.schedulePriceChanges();
    return engine;
  }

  /** Replays every stored record into the query store; signatures are checked as they load. */
  private async rebuild(): Promise<void> {
    const now = this.clock();
    for (const name of this.docs.docNames()) {
      for (const [, bytes] of this.docs.records(name)) this.book.ingestBytes(name, bytes, now);
    }
    const items = this.catalog.modelIds().map((id) => this.catalog.item(id, now)!);
    this.catalogIndex.upsert(items);
    await this.db.models.bulkInsert(items.map(toModelRow));
    const quarantine = this.book.quarantine();
    if (quarantine.length > 0) await this.db.quarantine.bulkInsert(quarantine);
  }

  private async certifyDevice(): Promise<void> {
    const { identity, device } = this.keys;
    const cert = signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: 'this device' }, this.clock()));
    await this.publish(`identity/${identity.publicKey}`, [cert]);
  }

  dispatch(name: string, input: unknown): Promise<Answer> {
    return this.dispatcher(name, input);
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener({ event, payload } as EventMessage);
      } catch (error) {
        console.error(`event listener failed for ${event}:`, (error as Error).message);
      }
    }
  }

  /**
   * Publishes records this engine signed: refused before anything is written if a peer would
   * quarantine them, durable on disk before the query store and the windows see them.
   */
  async publish(doc: string, records: SignedRecord[]): Promise<void> {
    for (const record of records) {
      const reason = this.book.violation(record);
      if (reason) throw new AppError('INTERNAL', `refusing to publish an invalid record: ${reason}`);
    }
    await this.docs.append(doc, records);
    const now = this.clock();
    const changed = new Set<string>();
    let marketplaceChanged = false;
    for (const record of records) {
      const outcome = this.book.ingest(doc, record, now);
      if (outcome.status !== 'applied') continue;
      outcome.changedModels.forEach((id) => changed.add(id));
      marketplaceChanged ||= outcome.marketplaceChanged;
    }
    if (changed.size > 0) await this.refreshModels([...changed]);
    this.schedulePriceChanges();
    const info = this.marketplace.info();
    if (marketplaceChanged && info) this.emit('marketplace.changed', info);
  }

  async refreshModels(ids: string[]): Promise<void> {
    const now = this.clock();
    const items = ids.map((id) => this.catalog.item(id, now)).filter((x) => x !== null);
    this.catalogIndex.upsert(items);
    await this.db.models.bulkUpsert(items.map(toModelRow));
    this.emit('catalog.changed', { modelIds: ids.slice(0, 1_000), total: this.catalogIndex.size });
  }

  /**
   * Applies scheduled price changes whose time has come. The timer calls it; tests with an
   * injected clock call it directly.
   */
  async tick(): Promise<void> {
    const now = this.clock();
    const ids = this.catalog.modelsRepricedBetween(this.repricedUpTo, now);
    this.repricedUpTo = now;
    if (ids.length > 0) await this.refreshModels(ids);
    this.schedulePriceChanges();
  }

  private schedulePriceChanges(): void {
    if (this.priceTimer) clearTimeout(this.priceTimer);
    this.priceTimer = null;
    const next = this.catalog.nextPriceChangeAfter(this.repricedUpTo);
    if (next === null || this.closed) return;
    const delay = Math.min(Math.max(0, next - this.clock()) + 5, 2 ** 31 - 1);
    this.priceTimer = setTimeout(() => void this.tick().catch((e: unknown) => console.error('repricing failed:', (e as Error).message)), delay);
    this.priceTimer.unref();
  }

  async adoptMarketplace(id: string): Promise<void> {
    this.marketplace.adopt(id, this.keys.treasury?.publicKey ?? null);
    await writeAtomically(join(this.dataDir, 'marketplace.json'), JSON.stringify({ id }));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.priceTimer) clearTimeout(this.priceTimer);
    this.listeners.clear();
    await this.docs.close();
    await this.db.close();
  }
}

async function readMarketplaceId(dataDir: string): Promise<string | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, 'marketplace.json'), 'utf8')) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
