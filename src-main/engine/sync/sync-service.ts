import type { DocHandle, PeerId } from '@automerge/automerge-repo';
import type { PeerView, SyncProgress } from '../../../src-shared/sync';
import { SignatureVerifier } from '../identity/keys';
import type { StoreChange, StoredDoc } from '../store/documents';
import { AckTracker } from './acks';
import type { SyncDeps } from './context';
import { AdoptedSaves } from './adopted-saves';
import { ConflictLog } from './conflicts';
import { PeerConnections } from './connections';
import { DocGuard } from './doc-guard';
import type { HandshakeSelf, PeerHello } from './handshake';
import { IndexFollower } from './index-follower';
import { IngestQueue } from './ingest-queue';
import { LanSharing, type NetworkOptions } from './lan';
import { MdnsDiscovery } from './mdns';
import { PeerTable } from './peer-table';
import { SyncEvents } from './sync-events';
import type { ListenOptions } from './transport';
import { TruncationLog } from './truncations';

const RETRY_MISSING_MS = 2_000;
const TAKE_IN_MS = 8;

/**
 * Peer-to-peer sync beside the domain (docs/architecture.md): it moves shared documents between authenticated
 * peers of one marketplace and hands every received value to the RecordBook as bytes. It knows no
 * domain rule beyond "validly signed by the one who may sign it", which is the RecordBook's answer.
 * Everything works with no peer at all; known peers are redialled with backoff whenever online.
 */
export class SyncService {
  readonly conflicts: ConflictLog;
  readonly truncations: TruncationLog;
  readonly peers: PeerTable;
  readonly connections: PeerConnections;
  readonly queue: IngestQueue;
  readonly acks: AckTracker;
  readonly lan: LanSharing;
  private readonly follower: IndexFollower;
  private readonly guard: DocGuard;
  private readonly events: SyncEvents;
  private readonly verifier = new SignatureVerifier();
  private storageId: string | undefined;
  private retryTimer: NodeJS.Timeout | null = null;
  private mdnsWanted = false;
  private readonly adopted: StoredDoc[] = [];
  private readonly saves: AdoptedSaves;
  lastSyncAt: number | null = null;

  constructor(private readonly deps: SyncDeps) {
    const { docs, clock, dataDir, records } = deps;
    this.conflicts = new ConflictLog(clock);
    records.register(this.conflicts);
    this.events = new SyncEvents((event, payload) => deps.emit(event, payload), {
      catalogTotal: () => deps.catalogSize(),
      changed: () => this.changedSnapshot(),
      progress: () => this.progress(),
    });
    this.truncations = new TruncationLog(dataDir, clock, () => this.events.syncChanged());
    this.peers = new PeerTable(dataDir);
    this.acks = new AckTracker(dataDir);
    this.queue = new IngestQueue({
      absorb: (batch) => deps.absorb(batch, { refresh: false }),
      refresh: async (ids) => {
        await deps.refreshModels(ids, { quiet: true });
        this.events.modelsChanged(ids);
      },
      isAccepted: (hash) => records.isAccepted(hash),
      preverify: (batch) => records.preverify(batch.map((item) => item.bytes)),
      noteBatches: (batch) => records.noteBatches(batch.map((item) => item.bytes)),
      onBatch: (result) => {
        if (result.quarantined > 0) this.events.syncChanged();
        this.events.progress();
      },
    });
    this.guard = new DocGuard(docs, this.truncations, {
      received: (items) => {
        this.queue.push(items);
        if (items.length > 0) this.events.progress();
      },
      indexChanged: () => this.follower.scanOwn(),
    });
    this.follower = new IndexFollower(docs, (doc) => this.takeIn(doc));
    this.saves = new AdoptedSaves({
      busy: () => this.queue.busy || this.follower.busy || this.adopted.length > 0,
      save: (doc) => docs.repo.flush([doc.handle.documentId]),
    });
    this.connections = new PeerConnections(deps.device.publicKey, this.peers, {
      self: (marketplace) => this.self(marketplace),
      up: (peer) => this.peerUp(peer),
      down: () => this.events.syncChanged(),
    }, clock);
    this.lan = new LanSharing(dataDir, {
      listen: (host, port, options) => this.listen(host, port, options),
      stopListening: () => this.connections.stopListening(),
      listening: () => this.connections.listening,
      setMdns: (on) => this.setMdns(on),
    });
    docs.repo.networkSubsystem.addNetworkAdapter(this.connections.adapter);
    docs.onChange((change) => this.onStoreChange(change));
    docs.repo.synchronizer.on('sync-state', ({ peerId, syncState, documentId }) => this.onSyncState(peerId, documentId, syncState.sharedHeads));
  }

  /** Reads what sync keeps locally (known peers, acknowledgements, truncation reports). */
  async open(): Promise<void> {
    await Promise.all([this.peers.load(), this.acks.load(), this.truncations.load(), this.lan.load()]);
    this.storageId = (await this.deps.docs.repo.storageId()) as string | undefined;
  }

  /** Starts the sync listener (the host calls this; the command API never listens here). */
  async listen(host: string, port: number, options?: ListenOptions): Promise<{ host: string; port: number }> {
    return this.connections.listen(host, port, options);
  }

  /** The host's start: the listener where LAN sharing says, then online (see LanSharing). */
  async startNetwork(options: NetworkOptions): Promise<{ host: string; port: number }> {
    const listening = await this.lan.start(options);
    this.goOnline();
    return listening;
  }

  /** Turns LAN sharing on or off (saved); windows hear sync.changed. */
  async setLan(on: boolean): Promise<void> {
    await this.lan.set(on);
    this.events.syncChanged();
  }

  /** Starts redialling known peers and, if asked, LAN discovery (without options: as it was). */
  goOnline(options?: { mdns: boolean }): void {
    if (options) this.mdnsWanted = options.mdns;
    this.connections.start();
    this.refreshMdns();
    if (!this.retryTimer) {
      this.retryTimer = setInterval(() => {
        if (this.connections.connectedKeys().length > 0) this.follower.retry();
      }, RETRY_MISSING_MS);
      this.retryTimer.unref();
    }
  }

  /** Starts or stops LAN discovery (a new listening port means a new announcement). */
  setMdns(on: boolean): void {
    this.mdnsWanted = on;
    const current = this.connections.mdns;
    if (current && (!on || current.port !== this.connections.listening?.port)) {
      current.stop();
      this.connections.mdns = null;
    }
    this.refreshMdns();
  }

  /** (Re)announces this peer on the LAN once it has a marketplace and a listener. */
  refreshMdns(): void {
    const listening = this.connections.listening;
    const marketplace = this.deps.marketplaceId();
    if (!this.mdnsWanted || !listening || !marketplace || this.connections.mdns) return;
    this.connections.mdns = new MdnsDiscovery({ port: listening.port, key: this.deps.device.publicKey, marketplace, clock: this.deps.clock }).start();
  }

  get mdnsState(): 'off' | 'on' | 'unavailable' {
    return this.connections.mdns?.state ?? 'off';
  }

  self(marketplace?: string): HandshakeSelf | null {
    const id = marketplace ?? this.deps.marketplaceId();
    if (!id) return null;
    return { key: this.deps.device, marketplace: id, index: this.deps.docs.indexUrl, storageId: this.storageId, verifier: this.verifier };
  }

  /**
   * Reading a whole document's records costs a few ms, and adoptions finish by the dozen at once:
   * adopted documents are taken in for at most TAKE_IN_MS per event-loop turn, and saved later.
   */
  private takeIn(doc: StoredDoc): void {
    this.adopted.push(doc);
    if (this.adopted.length > 1) return;
    const next = () => {
      const started = performance.now();
      let doc: StoredDoc | undefined;
      while ((doc = this.adopted[0]) && performance.now() - started < TAKE_IN_MS) {
        this.guard.takeIn(doc.url, doc.name);
        this.saves.add(doc);
        this.adopted.shift();
      }
      this.events.progress();
      if (this.adopted.length > 0) setImmediate(next);
    };
    setImmediate(next);
  }

  private peerUp(peer: PeerHello): void {
    void this.follower.follow(peer.index as never);
    this.follower.retry();
    this.events.syncChanged();
    this.events.progress();
  }

  private onStoreChange(change: StoreChange): void {
    if (change.local) {
      if (change.name === null) return;
      const puts = change.payload.patches.filter((p) => p.action === 'put' && p.path[0] === 'records').length;
      if (puts > 0) {
        this.acks.appended(change.payload.handle.documentId, puts);
        // Only an engine that syncs tells the windows (an offline one, e.g. a CLI run, has no one to tell).
        if (this.connections.running) this.events.syncChanged();
      }
      return;
    }
    this.guard.onChange(change);
  }

  private onSyncState(peerId: PeerId, documentId: string, sharedHeads: readonly string[]): void {
    const now = this.deps.clock();
    this.lastSyncAt = now;
    const peer = this.peers.byKey(peerId);
    if (peer) peer.lastSyncAt = now;
    const handle = this.deps.docs.repo.handles[documentId as never] as DocHandle<unknown> | undefined;
    if (handle && this.acks.synced(handle, sharedHeads)) this.events.syncChanged();
  }

  /** Every shared document this engine holds, its own index included (for pending counts). */
  handles(): Array<DocHandle<unknown>> {
    return [this.deps.docs.index as DocHandle<unknown>, ...this.deps.docs.documents().map((d) => d.handle as DocHandle<unknown>)];
  }

  progress(): SyncProgress {
    const { queue, follower, deps } = this;
    return {
      active: queue.busy || follower.busy || this.adopted.length > 0,
      docsKnown: follower.known,
      docsReady: deps.docs.size,
      recordsReceived: queue.received,
      recordsProcessed: queue.processed,
    };
  }

  private changedSnapshot() {
    const pending = this.acks.pending(this.handles());
    return {
      peers: this.connections.connectedKeys().length,
      pendingDocs: pending.docs,
      quarantined: this.deps.records.quarantineCount,
      conflicts: this.conflicts.size,
      truncations: this.truncations.size,
    };
  }

  peerViews(): PeerView[] {
    return this.peers.list().map((p) => this.peers.view(p, this.connections.linkOf(p.key)));
  }

  /** Resolves once every record received so far went through the RecordBook. */
  settled(): Promise<void> {
    return this.queue.idle();
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.events.close();
    await this.connections.close();
    await this.queue.idle();
    await this.saves.close();
    await Promise.all([this.peers.close(), this.acks.close(), this.truncations.close()]);
  }
}
