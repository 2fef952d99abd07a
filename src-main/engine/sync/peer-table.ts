import { join } from 'node:path';
import type { PeerSource, PeerView } from '../../../src-shared/sync';
import { normalizeAddress } from './invite';
import { JsonFile } from './json-file';

/** A peer this engine knows of. Addresses and keys are local knowledge, never shared. */
export interface KnownPeer {
  address: string | null;
  key: string | null;
  source: PeerSource;
  enabled: boolean;
  lastSeenAt: number | null;
  lastSyncAt: number | null;
  lastError: string | null;
  /** Failed dials in a row (memory only: a restart tries every peer at once). */
  attempts: number;
  nextAttemptAt: number | null;
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Redial delays: exponential from half a second, capped at 10 s (a LAN dial costs nothing and a
 * returning peer should be found quickly), with ±20 % jitter so peers that lost a relay together
 * do not all come back in the same millisecond.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 10_000 };

export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(0, Math.min(30, Math.floor(attempt) - 1));
  return Math.round(Math.min(policy.maxMs, policy.baseMs * 2 ** n) * (0.8 + 0.4 * Math.min(1, Math.max(0, random))));
}

interface StoredPeer {
  address: string | null;
  key: string | null;
  source: PeerSource;
  enabled: boolean;
  lastSeenAt: number | null;
  lastSyncAt: number | null;
}

const MAX_PEERS = 500;
/** What the user said (manual, invite) outranks what discovery or an inbound connection taught us. */
const RANK: Record<PeerSource, number> = { inbound: 0, mdns: 1, manual: 2, invite: 3 };

export class PeerTable {
  private readonly peers: KnownPeer[] = [];
  private readonly file: JsonFile<{ peers: StoredPeer[] }>;

  constructor(
    dataDir: string,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    this.file = new JsonFile(join(dataDir, 'sync', 'peers.json'));
  }

  async load(): Promise<void> {
    const stored = await this.file.read();
    for (const p of stored?.peers ?? []) {
      if (typeof p !== 'object' || p === null) continue;
      this.peers.push({ ...p, lastError: null, attempts: 0, nextAttemptAt: null });
    }
  }

  list(): KnownPeer[] {
    return [...this.peers];
  }

  byKey(key: string): KnownPeer | undefined {
    return this.peers.find((p) => p.key === key);
  }

  byAddress(address: string): KnownPeer | undefined {
    const normal = normalizeAddress(address);
    return this.peers.find((p) => p.address === normal);
  }

  /**
   * Adds a peer or updates the one it is: the row with that key, else the keyless row with that
   * address (which then learns the key and stays pinned to it). Two rows found for one peer merge.
   */
  upsert(entry: { address?: string | null; key?: string | null; source: PeerSource }): KnownPeer {
    const address = entry.address ? normalizeAddress(entry.address) : null;
    const byKey = entry.key ? this.byKey(entry.key) : undefined;
    // Without a key, the row at that address is the one (it keeps its pinned key); with one, a keyless row.
    const byAddress = address ? this.peers.find((p) => p.address === address && (!entry.key || p.key === null || p.key === entry.key)) : undefined;
    let peer = byKey ?? byAddress;
    if (!peer) {
      peer = { address, key: entry.key ?? null, source: entry.source, enabled: true, lastSeenAt: null, lastSyncAt: null, lastError: null, attempts: 0, nextAttemptAt: null };
      this.peers.push(peer);
      this.trim();
    } else {
      if (byKey && byAddress && byKey !== byAddress) {
        this.peers.splice(this.peers.indexOf(byAddress), 1);
        if (RANK[byAddress.source] > RANK[byKey.source]) byKey.source = byAddress.source;
        byKey.enabled ||= byAddress.enabled;
      }
      if (address) peer.address = address;
      if (entry.key) peer.key = entry.key;
      if (RANK[entry.source] > RANK[peer.source]) peer.source = entry.source;
    }
    this.save();
    return peer;
  }

  /** Drops a row (an inbound-only peer whose link was of no use: nothing to remember it by). */
  forget(peer: KnownPeer): void {
    const at = this.peers.indexOf(peer);
    if (at < 0) return;
    this.peers.splice(at, 1);
    this.save();
  }

  failed(peer: KnownPeer, error: string, now: number, random: number): void {
    peer.attempts += 1;
    peer.lastError = error.slice(0, 300);
    peer.nextAttemptAt = now + backoffDelay(peer.attempts, random, this.policy);
  }

  connected(peer: KnownPeer, now: number): void {
    peer.attempts = 0;
    peer.lastError = null;
    peer.lastSeenAt = now;
    peer.nextAttemptAt = null;
    this.save();
  }

  /** A connection dropped: try again soon, then back off if it keeps failing. */
  dropped(peer: KnownPeer, now: number, random: number): void {
    peer.lastSeenAt = now;
    peer.nextAttemptAt = now + backoffDelay(1, random, this.policy);
    this.save();
  }

  /** Peers with an address, enabled, whose next attempt is due (and not connected: the caller filters). */
  due(now: number): KnownPeer[] {
    return this.peers.filter((p) => p.enabled && p.address !== null && (p.nextAttemptAt ?? 0) <= now);
  }

  view(peer: KnownPeer, link: { direction: 'in' | 'out' } | undefined): PeerView {
    return {
      key: peer.key,
      address: peer.address,
      source: peer.source,
      connected: link !== undefined,
      direction: link?.direction ?? null,
      enabled: peer.enabled,
      lastSeenAt: peer.lastSeenAt,
      lastSyncAt: peer.lastSyncAt,
      lastError: peer.lastError,
      nextAttemptAt: link ? null : peer.nextAttemptAt,
    };
  }

  save(): void {
    this.file.schedule(() => ({
      peers: this.peers.map(({ address, key, source, enabled, lastSeenAt, lastSyncAt }) => ({ address, key, source, enabled, lastSeenAt, lastSyncAt })),
    }));
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private trim(): void {
    // Inbound-only and discovered peers are the first to go; a manual peer is never dropped silently.
    while (this.peers.length > MAX_PEERS) {
      const victim = this.peers.findIndex((p) => p.source === 'inbound' || p.source === 'mdns');
      if (victim < 0) break;
      this.peers.splice(victim, 1);
    }
  }
}
