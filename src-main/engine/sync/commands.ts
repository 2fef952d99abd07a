import { createHash } from 'node:crypto';
import type { CommandInput, CommandOutput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import type { PeerView } from '../../../src-shared/sync';
import type { SyncCommandContext } from './command-context';

/**
 * sha256 over the sorted hashes of every accepted record: two engines with equal digests hold the
 * same accepted data. Cached per record count (the accepted set only ever grows).
 */
export class DigestCache {
  private count = -1;
  private value = '';

  of(ctx: Pick<SyncCommandContext, 'book'>): string {
    if (ctx.book.recordCount !== this.count) {
      const hash = createHash('sha256');
      for (const h of [...ctx.book.acceptedHashes()].sort()) hash.update(`${h}\n`);
      this.value = hash.digest('hex');
      this.count = ctx.book.recordCount;
    }
    return this.value;
  }
}

export function syncStatus(ctx: SyncCommandContext, digests: DigestCache): CommandOutput<'sync.status'> {
  const { sync } = ctx;
  const connected = new Set(sync.connections.connectedKeys());
  return {
    peerKey: ctx.keys.device.publicKey,
    marketplaceId: ctx.marketplace.id,
    listening: sync.connections.listening,
    lanSharing: sync.lan.on,
    mdns: sync.mdnsState,
    peers: sync.peerViews().filter((p) => p.key !== null && connected.has(p.key)),
    lastSyncAt: sync.lastSyncAt,
    pending: sync.acks.pending(sync.handles()),
    progress: sync.progress(),
    counts: {
      docs: ctx.docs.size,
      missingDocs: ctx.docs.missingDocuments().length,
      records: ctx.book.recordCount,
      quarantined: ctx.book.quarantineCount,
      conflicts: sync.conflicts.size,
      truncations: sync.truncations.size,
    },
    digest: digests.of(ctx),
  };
}

const FIRST_DIAL_WAIT_MS = 6_000;

/** Adds (or re-enables) a peer by address and dials it once now; it is redialled from then on. */
export async function connectPeer(ctx: SyncCommandContext, address: string, key?: string): Promise<PeerView> {
  if (!ctx.marketplace.id) throw new AppError('NOT_READY', 'Create, open or join a marketplace first: peers only sync within one');
  const { sync } = ctx;
  const row = sync.peers.upsert({ address, key: key ?? null, source: 'manual' });
  row.enabled = true;
  row.attempts = 0;
  row.nextAttemptAt = null;
  sync.connections.start();
  const dial = sync.connections.connectTo(row.address!, row.key);
  await Promise.race([dial, new Promise((r) => setTimeout(r, FIRST_DIAL_WAIT_MS).unref())]);
  // The dial may have merged this row into the one that already had the peer's key.
  const now = (row.key ? sync.peers.byKey(row.key) : undefined) ?? sync.peers.byAddress(address) ?? row;
  return sync.peers.view(now, sync.connections.linkOf(now.key));
}

export function disconnectPeer(ctx: SyncCommandContext, target: CommandInput<'sync.disconnect'>): { disconnected: number } {
  const { sync } = ctx;
  const row = 'peerKey' in target ? sync.peers.byKey(target.peerKey) : sync.peers.byAddress(target.address);
  if (!row) throw new AppError('NOT_FOUND', 'No known peer with that key or address', target);
  row.enabled = false;
  row.nextAttemptAt = null;
  sync.peers.save();
  const disconnected = row.key && sync.connections.disconnect(row.key) ? 1 : 0;
  return { disconnected };
}

export function quarantinePage(ctx: SyncCommandContext, input: CommandInput<'integrity.quarantine'>): CommandOutput<'integrity.quarantine'> {
  const rows = ctx.book
    .integrityRows()
    .filter((r) => (input.doc === undefined || r.doc === input.doc) && (input.kind === undefined || r.kind === input.kind))
    .sort((a, b) => b.receivedAt - a.receivedAt || (a.hash < b.hash ? -1 : 1));
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  return { total: rows.length, items: rows.slice(offset, offset + limit) };
}
