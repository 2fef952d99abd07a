import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EventMessage, EventName, EventPayload } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { CatalogIndex } from './catalog/catalog-index';
import { toModelRow } from './catalog/catalog-rows';
import { CatalogState } from './catalog/catalog-state';
import type { Answer, Dispatch } from '../../src-shared/answer';
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { loadOrCreateKeys, producerKeyOf, type LocalKeys } from './identity/identity';
import { SignatureVerifier, type SigningKey } from './identity/keys';
import { RewardState } from './incentives/reward-state';
import { openJournal } from './journal/open-journal';
import type { RecordJournal } from './journal/record-journal';
import { LedgerState } from './ledger/ledger-state';
import { readMarketplaceFile, writeMarketplaceFile } from './marketplace/marketplace-file';
import { MarketplaceState } from './marketplace/marketplace-state';
import { IngestTally } from './ingest-tally';
import { OwnBatches } from './catalog/own-batches';
import { Publisher } from './publisher';
import { HeldClock } from './records/held-clock';
import { RecordBook } from './records/record-book';
import { rebuildFromDocuments } from './rebuild';
import { VerifiedFile } from './records/verified-file';
import { draftOf, signRecord, type SignedRecord } from './records/signed';
import { passphraseFromEnv } from './secrets/passphrase';
import type { DataKey } from './secrets/secret-box';
import { openSecretFolder, type SecretFiles } from './secrets/secret-files';
import type { ItemFiguresContext } from './catalog/context';
import { catalogItemFor, chargedModels } from './catalog/item-figures';
import type { CatalogItem } from '../../src-shared/catalog';
import { Receipts } from './reviews/receipts';
import { ReviewState } from './reviews/review-state';
import { ObservationStats } from './routing/observations';
import type { Router } from './routing/router';
import { authorityRules } from './compose/authority';
import { epochCloserFor } from './compose/rewards';
import { routerFor } from './compose/routing';
import { ledgerContextOf, type LedgerContext } from './ledger/context';
import { PriceClock } from './pricing/price-clock';
import { SettingsStore } from './settings/settings';
import { DocumentStore } from './store/documents';
import { LEDGER_EXPORT_ASK, acquireFolderLock, countedLines, type FolderLock } from './store/folder-lock';
import { openQueryStore, type QueryDatabase } from './store/query-store';
import type { AbsorbResult, Incoming } from './sync/ingest-queue';
import { SyncService } from './sync/sync-service';

export interface EngineOptions {
  dataDir: string;
  /** ajv schema validation, RxDB dev-mode and output checks: tests and development only. */
  validate?: boolean;
  clock?: () => number;
  /**
   * What encrypts the private keys and API keys at rest: the desktop's keychain data key or a
   * passphrase; null = none (plaintext, mode 0600). Omitted = INFINIROUTE_PASSPHRASE if set.
   */
  dataKey?: DataKey | null;
  /** Who holds the data folder's lock, named to a second process that tries to open it (e.g. "infiniroute serve"). */
  role?: string;
}

export type EventListener = (message: EventMessage) => void;

/**
 * The marketplace engine: plain Node, never imports electron. The Electron main process forks it as a
 * utilityProcess; `infiniroute serve` hosts the same engine over HTTP/WebSocket.
 */
export class Engine {
  readonly catalogIndex = new CatalogIndex();
  /** Batch signatures over this engine's own catalog records (catalog/own-batches.ts). */
  readonly ownBatches: OwnBatches;
  readonly ledger: LedgerState;
  /** The ledger use cases' port, built once (ledger/context.ts). */
  readonly ledgerContext: LedgerContext;
  /** Peer sync beside the domain: it hands received records to the RecordBook as bytes (absorb). */
  readonly sync: SyncService;
  /** What calls taught us about each model (from every peer's signed observations). */
  readonly observations = new ObservationStats();
  /** Reviews, replies, feedback and evaluation reports. */
  readonly reviews: ReviewState;
  /** Incentive epochs and reward claims, recomputed from every peer's signed records. */
  readonly rewards: RewardState;
  readonly epochCloser = epochCloserFor(this);
  /** What catalog items are computed from (catalog/context.ts). */
  private readonly itemFigures: ItemFiguresContext;
  /** Where records this engine signs are checked, made durable and applied (read-your-writes: catchUp). */
  readonly publisher: Publisher;
  readonly startedAt: number;
  private routerInstance: Router | null = null;
  /** This folder holds the demo marketplace (its endpoints are the provider simulator). */
  demo = false;
  private readonly listeners = new Set<EventListener>();
  private readonly dispatcher: Dispatch;
  private readonly prices: PriceClock;
  /** Records dated ahead of this clock take effect when it reaches them (records/set-aside.ts). */
  private readonly held: HeldClock;
  private closed = false;
  private folderLock: FolderLock | null = null;
  /** Commands still running: close() lets them finish (bounded) so nothing acknowledged is cut. */
  private readonly inFlight = new Set<Promise<Answer>>();
  /** Query-store writes of refreshed catalog rows, in order. */
  private modelRows: Promise<void> = Promise.resolve();

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
    private readonly receipts: Receipts,
    /** Where records this engine signs become durable before they are acknowledged. */
    readonly journal: RecordJournal,
    /** The data folder's secret files, opened with its data key: key files and API keys go through it. */
    readonly secrets: SecretFiles,
  ) {
    this.startedAt = clock();
    this.ledger = new LedgerState(marketplace);
    book.register(this.ledger);
    book.register(this.observations);
    this.reviews = new ReviewState(receipts, clock, book.parties);
    book.register(this.reviews);
    // Feedback from any peer moves the routing quality estimate of the model it rates.
    this.reviews.onFeedback((body) => this.observations.feedback(body.modelId, body.up));
    this.itemFigures = { clock, keys, catalog, parties: book.parties, observations: this.observations, ledger: this.ledger, reviews: this.reviews };
    this.rewards = new RewardState({
      clock,
      marketplace,
      isApplied: (hash) => this.ledger.entry(hash) !== undefined,
      emit: (p) => this.emit('rewards.changed', p),
    });
    book.register(this.rewards);
    this.ledger.setRewardSource(this.rewards);
    const stage = (doc: string, records: SignedRecord[]) => docs.stageSoon(doc, records);
    this.publisher = new Publisher({ book, journal, receipts, receiptTakers: [this.reviews], clock, stage, afterIngest: (tally) => this.afterIngest(tally, 'announce') });
    this.ledgerContext = ledgerContextOf(this);
    this.ownBatches = new OwnBatches({ key: () => producerKeyOf(this.keys), records: (doc) => docs.records(doc), accepted: (hash) => book.isAccepted(hash) });
    this.sync = new SyncService({
      dataDir,
      clock,
      docs,
      device: keys.device,
      records: book,
      marketplaceId: () => marketplace.id,
      absorb: (batch, options) => this.absorb(batch, options),
      refreshModels: (ids, options) => this.refreshModels(ids, options),
      catalogSize: () => this.catalogIndex.size,
      emit: (event, payload) => this.emit(event, payload),
    });
    this.prices = new PriceClock(catalog, clock, (ids) => this.refreshModels(ids));
    this.held = new HeldClock(book, clock, (tally) => this.afterIngest(tally, 'announce'));
    this.dispatcher = createDispatcher(createHandlers(this), { validateOutput: validate });
  }

  /** Opens the folder's engine, holding its lock (store/folder-lock.ts) until close. */
  static async open(options: EngineOptions): Promise<Engine> {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // Before anything reads the folder: a second engine on it would delete the first's journal at its close.
    const lock = await acquireFolderLock(dataDir, options.role ?? 'an InfiniRoute engine');
    try {
      const engine = await Engine.openHeld(options);
      engine.folderLock = lock;
      lock.answer(LEDGER_EXPORT_ASK, async () => {
        const answer = await engine.dispatch('ledger.export', {});
        if (!answer.ok) throw new Error(answer.error.message);
        const { jsonl, lines } = answer.result as { jsonl: string; lines: number };
        return countedLines(jsonl.split('\n').slice(0, lines));
      });
      return engine;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async openHeld(options: EngineOptions): Promise<Engine> {
    const dataDir = resolve(options.dataDir);
    const clock = options.clock ?? Date.now;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // Opens (and, with a key, encrypts) the secret files first: a wrong passphrase changes nothing.
    const { files: secrets } = await openSecretFolder(dataDir, options.dataKey === undefined ? passphraseFromEnv() : options.dataKey);
    const { keys, created } = await loadOrCreateKeys(secrets);
    const { id: marketplaceId, demo } = await readMarketplaceFile(dataDir);
    // The repo's peer id is this device's key: the key peers make it prove when they connect.
    const docs = await DocumentStore.open(dataDir, { peerId: keys.device.publicKey });
    const journal = await openJournal(dataDir, docs);
    const db = await openQueryStore({ validate: options.validate ?? false });
    const marketplace = new MarketplaceState(marketplaceId, keys.treasury?.publicKey ?? null);
    const catalog = new CatalogState();
    const book = new RecordBook(marketplace, catalog, new SignatureVerifier(), await VerifiedFile.open(dataDir), authorityRules());
    const settings = await SettingsStore.open(dataDir);
    const receipts = await Receipts.open(dataDir);
    const engine = new Engine(dataDir, keys, docs, db, marketplace, catalog, book, settings, clock, options.validate ?? false, receipts, journal, secrets);
    engine.demo = demo;
    await rebuildFromDocuments(engine);
    engine.routerInstance = await routerFor(engine);
    await engine.sync.open();
    if (created) await engine.certifyDevice();
    engine.prices.schedule();
    engine.held.schedule();
    await engine.epochCloser.start();
    return engine;
  }

  private async certifyDevice(): Promise<void> {
    const { identity, device } = this.keys;
    const cert = signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: 'this device' }, this.clock()));
    await this.publish(`identity/${identity.publicKey}`, [cert]);
  }

  itemFor(modelId: string, now = this.clock()): CatalogItem | null {
    return catalogItemFor(this.itemFigures, modelId, now);
  }

  get router(): Router {
    if (!this.routerInstance) throw new AppError('NOT_READY', 'The routing engine is still starting');
    return this.routerInstance;
  }

  dispatch(name: string, input: unknown): Promise<Answer> {
    if (this.closed) return Promise.resolve({ ok: false, error: { code: 'NOT_READY', message: 'The engine is shutting down' } });
    this.publisher.catchUp();
    const running = this.held.before(() => this.dispatcher(name, input));
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return running;
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
   * quarantine them, durable on disk (the journal) before the query store and the windows see them.
   * The documents get them at once in memory and on disk at the journal's next checkpoint.
   */
  publish(doc: string, records: SignedRecord[]): Promise<void> {
    return this.publisher.publish(doc, records);
  }

  /** What every ingest ends with: the ledger settles, changed models refresh, windows hear of it. */
  private async afterIngest(tally: IngestTally, refresh: 'announce' | 'quiet' | 'caller'): Promise<void> {
    const ledger = this.ledger.settle();
    // Charges change their models' popularity.
    chargedModels(this.itemFigures, ledger.hashes).forEach((id) => tally.changedModels.add(id));
    if (tally.changedModels.size > 0 && refresh !== 'caller') await this.refreshModels([...tally.changedModels], { quiet: refresh === 'quiet' });
    if (tally.quarantined.size > 0) await this.db.quarantine.bulkUpsert(this.book.quarantine().filter((row) => tally.quarantined.has(row.hash)));
    await this.receipts.flush();
    this.prices.schedule();
    this.held.schedule();
    if (ledger.hashes.length > 0 || ledger.accounts.length > 0) this.emit('ledger.changed', ledger);
    if (tally.reviewedModels.size > 0) this.emit('reviews.changed', { modelIds: [...tally.reviewedModels] });
    const info = this.marketplace.info();
    if (tally.marketplaceChanged && info) this.emit('marketplace.changed', info);
  }

  /** `quiet`: the caller emits catalog.changed itself (sync coalesces them). */
  async refreshModels(ids: string[], options: { quiet?: boolean } = {}): Promise<void> {
    const now = this.clock();
    const items = ids.map((id) => this.itemFor(id, now)).filter((x) => x !== null);
    this.catalogIndex.upsert(items);
    // The catalog index answers every read; the query store follows in order, off the answer's path.
    this.modelRows = this.modelRows.then(() => this.db.models.bulkUpsert(items.map(toModelRow))).then(
      () => undefined,
      (error: Error) => console.error('query store not updated:', error.message),
    );
    if (!options.quiet) this.emit('catalog.changed', { modelIds: ids.slice(0, 1_000), total: this.catalogIndex.size });
  }

  /**
   * Takes in values peers put in shared documents: each goes through the RecordBook exactly like a
   * record read at start-up (signature, signer's authority, key = hash) and takes effect or is
   * quarantined. Sync calls this in small batches with `refresh: false`: it refreshes the changed
   * models (returned) itself, together, and coalesces catalog.changed.
   */
  async absorb(batch: readonly Incoming[], options: { refresh?: boolean } = {}): Promise<AbsorbResult> {
    this.publisher.catchUp();
    const now = this.clock();
    const tally = new IngestTally();
    for (const outcome of this.book.releaseDue(now)) tally.add(outcome);
    for (const { doc, key, bytes, hash } of batch) tally.add(this.book.ingestBytes(doc, bytes, now, key, hash));
    await this.afterIngest(tally, options.refresh === false ? 'caller' : 'quiet');
    return { applied: tally.applied, quarantined: tally.quarantined.size, changedModels: [...tally.changedModels] };
  }

  /** Applies scheduled price changes and held records whose time has come (PriceClock, HeldClock). */
  tick(): Promise<void> {
    this.publisher.catchUp();
    return this.held.before(() => this.prices.tick());
  }

  /** The treasury key of a marketplace this folder just created (marketplace/create.ts). */
  adoptTreasury(key: SigningKey): void {
    this.keys.treasury = key;
  }

  /** The identity key a device link carries (sync/join.ts). */
  adoptIdentity(key: SigningKey): void {
    this.keys.identity = key;
  }

  async adoptMarketplace(id: string): Promise<void> {
    this.marketplace.adopt(id, this.keys.treasury?.publicKey ?? null);
    await writeMarketplaceFile(this.dataDir, { id, demo: this.demo });
    this.sync.refreshMdns();
  }

  /** The demo's endpoints are the local provider simulator; hosts start it for a demo folder. */
  async markDemo(): Promise<void> {
    await writeMarketplaceFile(this.dataDir, { id: this.marketplace.id, demo: true });
    this.demo = true;
    const info = this.marketplace.info();
    if (info) this.emit('marketplace.changed', info);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, 15_000).unref())]);
    await this.epochCloser.stop();
    await this.publisher.idle();
    this.prices.stop();
    this.held.stop();
    this.listeners.clear();
    await this.receipts.close();
    this.routerInstance?.close();
    await this.sync.close();
    await this.book.close();
    await this.journal.close();
    await this.modelRows;
    await this.docs.close();
    // remove, not close: RxDB's memory storage keeps a closed database's rows for the process's life.
    await this.db.remove();
    await this.folderLock?.release();
  }
}
