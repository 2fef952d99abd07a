import type { WebSocket } from 'ws';
import { FairShare } from './admission';
import { announcedPeersToDial, DISCOVERY_GRACE_MS } from './discovery';
import type { Frame } from './frames';
import { dialerHandshake, listenerHandshake, type HandshakeSelf, type PeerHello } from './handshake';
import { normalizeAddress } from './invite';
import type { MdnsDiscovery } from './mdns';
import { PeerNetworkAdapter } from './peer-adapter';
import type { PeerTable } from './peer-table';
import type { PeerSource } from '../../../src-shared/sync';
import { dialSocket, startSyncListener, type Arrival, type ListenOptions, type SyncListener } from './transport';

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
  /** When it was attached and when its peer last sent a frame (monotonic ms; null: never). */
  since: number;
  heardAt: number | null;
  /** Closed for sending nothing: its inbound-only peer row goes too. */
  reaped: boolean;
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
 * An honest peer's repo sends a sync message for every shared document (its index at least) as soon
 * as the link is up: an inbound link that has sent nothing by then is of no use (e.g. a throwaway key
 * holding a slot) and is closed.
 */
export const FIRST_MESSAGE_MS = 10_000;
/** Authenticated inbound links, per remote address and in total (FairShare: the idlest makes room). */
export const INBOUND_LIMITS = { perAddress: 8, total: 128 } as const;

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
  private readonly inbound = new FairShare<WebSocket>(INBOUND_LIMITS.perAddress, INBOUND_LIMITS.total);
  mdns: MdnsDiscovery | null = null;

  constructor(
    private readonly selfKey: string,
    private readonly table: PeerTable,
    private readonly hooks: ConnectionHooks,
    private readonly clock: () => number,
    private readonly random: () => number = Math.random,
    /** Network deadlines run on real time, whatever clock the engine's records use. */
    private readonly monotonic: () => number = () => performance.now(),
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

  async listen(host: string, port: number, options: ListenOptions = {}): Promise<{ host: string; port: number }> {
    this.listener = await startSyncListener({ host, port, ...options, onSocket: (ws, arrival) => void this.accept(ws, arrival) });
    return { host: this.listener.host, port: this.listener.port };
  }

  /** Closes the listener and every link that came in through it (links this engine dialled stay). */
  async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
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

  private async accept(ws: WebSocket, arrival: Arrival): Promise<void> {
    const self = this.hooks.self();
    if (!self || this.closed) {
      ws.close(1013, 'this peer belongs to no marketplace yet');
      return;
    }
    try {
      const { peer, frames } = await listenerHandshake(ws, self, (p) => {
        if (this.table.byKey(p.key)?.enabled === false) return 'disconnected by this peer’s user';
        const existing = this.links.get(p.key);
        if (existing && !this.replaces(existing, p.key)) return 'already connected';
        const verdict = this.inbound.admit(arrival.address, ws, (items) => this.idlest(items));
        if (!verdict.admitted) return verdict.reason;
        ws.once('close', () => this.inbound.release(arrival.address, ws));
        // terminate, not close: a close waits up to 30 s for the other side's answer, holding the socket.
        verdict.evicted?.terminate();
        arrival.authenticated();
        return null;
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
    const buffered = auth.frames.handOver();
    const now = this.monotonic();
    const link: Link = { ws, direction, dialerKey, alive: true, since: now, heardAt: buffered.length > 0 ? now : null, reaped: false };
    this.links.set(peer.key, link);
    ws.on('pong', () => (link.alive = true));
    ws.on('message', () => (link.heardAt = this.monotonic()));
    ws.once('close', () => {
      if (this.links.get(peer.key) !== link) return;
      this.links.delete(peer.key);
      const known = this.table.byKey(peer.key);
      if (known && link.reaped && known.source === 'inbound') this.table.forget(known);
      else if (known) this.table.dropped(known, this.clock(), this.random());
      this.hooks.down(peer.key);
    });
    const row = this.table.upsert({ key: peer.key, address: auth.address, source: auth.source });
    this.table.connected(row, this.clock());
    this.adapter.attach({ key: peer.key, ws, storageId: peer.storageId }, buffered);
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

  /** Of one address's inbound sockets, the one whose peer has been silent longest (never heard first). */
  private idlest(sockets: readonly WebSocket[]): WebSocket {
    const heard = (ws: WebSocket) => {
      for (const link of this.links.values()) if (link.ws === ws) return link.heardAt ?? -Infinity;
      return Infinity; // still finishing its handshake: it has had no chance to speak yet
    };
    return sockets.reduce((a, b) => (heard(b) < heard(a) ? b : a));
  }

  /** Closes inbound links whose peer sent nothing within FIRST_MESSAGE_MS. */
  private reap(): void {
    const now = this.monotonic();
    for (const link of this.links.values()) {
      if (link.direction !== 'in' || link.heardAt !== null || link.reaped || now - link.since < FIRST_MESSAGE_MS) continue;
      link.reaped = true;
      link.ws.terminate();
    }
  }

  private tick(): void {
    if (this.closed) return;
    this.reap();
    if (!this.hooks.self()) return;
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
