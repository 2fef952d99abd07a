import type { WebSocket } from 'ws';
import { announcedPeersToDial, DISCOVERY_GRACE_MS } from './discovery';
import type { Frame } from './frames';
import { dialerHandshake, listenerHandshake, type HandshakeSelf, type PeerHello } from './handshake';
import { normalizeAddress } from './invite';
import type { MdnsDiscovery } from './mdns';
import { PeerNetworkAdapter } from './peer-adapter';
import type { PeerTable } from './peer-table';
import type { PeerSource } from '../../../src-shared/sync';
import { dialSocket, startSyncListener, type SyncListener } from './transport';

/** A connection that passed the handshake and is not yet handed to the repo. */
export interface Authenticated {
  peer: PeerHello;
  ws: WebSocket;
  frames: { handOver(): Frame[] };
  direction: 'in' | 'out';
  address: string | null;
  source: PeerSource;
}

interface Link {
  ws: WebSocket;
  direction: 'in' | 'out';
  /** Who opened it: two links between one pair keep the one the smaller key opened, on both ends. */
  dialerKey: string;
  alive: boolean;
}

export interface ConnectionHooks {
  /** How this engine presents itself; null while it belongs to no marketplace (then nothing connects). */
  self(marketplace?: string): HandshakeSelf | null;
  up(peer: PeerHello, direction: 'in' | 'out'): void;
  down(key: string): void;
}

const KEEPALIVE_MS = 15_000;
const TICK_MS = 500;

/**
 * Every peer connection, both directions: accepts on the sync listener, dials known and announced
 * peers (redialling with backoff), runs the handshake, applies the one-link-per-pair rule, keeps
 * links alive with pings, and gives authenticated sockets to the repo's network adapter.
 */
export class PeerConnections {
  readonly adapter = new PeerNetworkAdapter();
  private readonly links = new Map<string, Link>();
  private readonly dialing = new Set<string>();
  private listener: SyncListener | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private keepalive: NodeJS.Timeout | null = null;
  private closed = false;
  mdns: MdnsDiscovery | null = null;

  constructor(
    private readonly selfKey: string,
    private readonly table: PeerTable,
    private readonly hooks: ConnectionHooks,
    private readonly clock: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  get listening(): { host: string; port: number } | null {
    return this.listener ? { host: this.listener.host, port: this.listener.port } : null;
  }

  /** Dialling and keeping links (start() was called). */
  get running(): boolean {
    return this.ticker !== null;
  }

  isConnected(key: string): boolean {
    return this.links.has(key);
  }

  linkOf(key: string | null): { direction: 'in' | 'out' } | undefined {
    return key ? this.links.get(key) : undefined;
  }

  connectedKeys(): string[] {
    return [...this.links.keys()];
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    this.listener = await startSyncListener({ host, port, onSocket: (ws) => void this.accept(ws) });
    return { host: this.listener.host, port: this.listener.port };
  }

  /** Starts redialling known peers (and announced ones, with mDNS). Idempotent. */
  start(): void {
    if (this.closed || this.ticker) return;
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
    this.keepalive = setInterval(() => this.ping(), KEEPALIVE_MS);
    this.keepalive.unref();
    this.tick();
  }

  private async accept(ws: WebSocket): Promise<void> {
    const self = this.hooks.self();
    if (!self || this.closed) {
      ws.close(1013, 'this peer belongs to no marketplace yet');
      return;
    }
    try {
      const { peer, frames } = await listenerHandshake(ws, self, (p) => {
        if (this.table.byKey(p.key)?.enabled === false) return 'disconnected by this peer’s user';
        const existing = this.links.get(p.key);
        return existing && !this.replaces(existing, p.key) ? 'already connected' : null;
      });
      this.attach({ peer, ws, frames, direction: 'in', address: null, source: 'inbound' });
    } catch {
      ws.close(1008, 'handshake failed');
    }
  }

  /** Opens and authenticates a connection; the caller attaches it (join adopts the marketplace first). */
  async dial(address: string, expectKey: string | null, source: PeerSource, marketplace?: string): Promise<Authenticated> {
    const self = this.hooks.self(marketplace);
    if (!self) throw new Error('this engine belongs to no marketplace yet');
    const ws = await dialSocket(address);
    try {
      const { peer, frames } = await dialerHandshake(ws, self, expectKey);
      return { peer, ws, frames, direction: 'out', address: normalizeAddress(address), source };
    } catch (error) {
      ws.close(1008, 'handshake failed');
      throw error;
    }
  }

  /** A new link replaces an existing one if it was opened by the same side (a reconnect) or by the smaller key. */
  private replaces(existing: Link, newDialer: string): boolean {
    return existing.dialerKey === newDialer || newDialer < existing.dialerKey;
  }

  attach(auth: Authenticated): boolean {
    const { peer, ws, direction } = auth;
    const dialerKey = direction === 'out' ? this.selfKey : peer.key;
    const existing = this.links.get(peer.key);
    if (this.closed || ws.readyState !== ws.OPEN || (existing && !this.replaces(existing, dialerKey))) {
      ws.close(1000, 'duplicate connection');
      return false;
    }
    const link: Link = { ws, direction, dialerKey, alive: true };
    this.links.set(peer.key, link);
    ws.on('pong', () => (link.alive = true));
    ws.once('close', () => {
      if (this.links.get(peer.key) !== link) return;
      this.links.delete(peer.key);
      const known = this.table.byKey(peer.key);
      if (known) this.table.dropped(known, this.clock(), this.random());
      this.hooks.down(peer.key);
    });
    const row = this.table.upsert({ key: peer.key, address: auth.address, source: auth.source });
    this.table.connected(row, this.clock());
    this.adapter.attach({ key: peer.key, ws, storageId: peer.storageId }, auth.frames.handOver());
    this.hooks.up(peer, direction);
    return true;
  }

  /** Dials one address now (manual connect, redial): records the outcome in the peer table. */
  async connectTo(address: string, expectKey: string | null): Promise<void> {
    const normal = normalizeAddress(address);
    if (this.dialing.has(normal) || (expectKey && this.dialing.has(expectKey))) return;
    this.dialing.add(normal);
    if (expectKey) this.dialing.add(expectKey);
    const row = this.table.byAddress(normal);
    try {
      this.attach(await this.dial(normal, expectKey, row?.source ?? 'manual'));
    } catch (error) {
      if (row) this.table.failed(row, (error as Error).message, this.clock(), this.random());
    } finally {
      this.dialing.delete(normal);
      if (expectKey) this.dialing.delete(expectKey);
    }
  }

  private tick(): void {
    if (this.closed || !this.hooks.self()) return;
    const now = this.clock();
    for (const peer of this.table.due(now)) {
      if (peer.key && this.links.has(peer.key)) continue;
      void this.connectTo(peer.address!, peer.key);
    }
    if (!this.mdns) return;
    const notBefore = new Map<string, number>();
    const disabled = new Set<string>();
    for (const p of this.table.list()) {
      if (p.key && p.nextAttemptAt) notBefore.set(p.key, p.nextAttemptAt);
      if (p.key && !p.enabled) disabled.add(p.key);
    }
    const candidates = announcedPeersToDial(this.mdns.announcements(), {
      selfKey: this.selfKey,
      marketplaceId: this.hooks.self()?.marketplace ?? null,
      connected: new Set(this.links.keys()),
      dialing: this.dialing,
      notBefore,
      disabled,
      now,
      graceMs: DISCOVERY_GRACE_MS,
    });
    for (const { key, address } of candidates) {
      this.table.upsert({ key, address, source: 'mdns' });
      void this.connectTo(address, key);
    }
  }

  private ping(): void {
    for (const link of this.links.values()) {
      if (!link.alive) {
        link.ws.terminate();
        continue;
      }
      link.alive = false;
      link.ws.ping();
    }
  }

  disconnect(key: string): boolean {
    const link = this.links.get(key);
    link?.ws.close(1000, 'disconnected by the user');
    return link !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.keepalive) clearInterval(this.keepalive);
    this.mdns?.stop();
    for (const link of this.links.values()) link.ws.close(1001, 'shutting down');
    await this.listener?.close();
  }
}
