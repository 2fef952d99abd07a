import type { PeerView, SyncProgress, SyncStatus } from '../../../src-shared/sync';
import { formatCount, formatPlural } from '../format/numbers';
import { formatAgo, formatIn } from '../format/relative';

export type ConnectionState = 'syncing' | 'online' | 'offline' | 'off';

/**
 * The status line's one sentence about peers, in plain words: "In sync with 2 peers · synced 12 s
 * ago", "Working offline — 980 records will be shared when a peer connects". Offline is a normal
 * state, not an error: every screen works from local data, and unshared records wait safely.
 */
export function connectionSummary(status: SyncStatus, progress: SyncProgress | null, now: number): { state: ConnectionState; text: string } {
  const connected = status.peers.filter((p) => p.connected).length;
  const waiting = status.pending.records;
  if (progress?.active) return { state: 'syncing', text: `${connected > 0 ? `Syncing with ${formatPlural(connected, 'peer')}` : 'Syncing'} · ${progressPercent(progress)} %` };
  if (connected > 0) {
    const peers = formatPlural(connected, 'peer');
    if (status.lastSyncAt === null) return { state: 'online', text: `Connected to ${peers} · first sync starting` };
    const synced = `synced ${formatAgo(status.lastSyncAt, now)}`;
    if (waiting > 0) return { state: 'online', text: `Connected to ${peers} · ${formatPlural(waiting, 'record')} still to share · ${synced}` };
    return { state: 'online', text: `In sync with ${peers} · ${synced}` };
  }
  if (status.listening === null) {
    const kept = waiting > 0 ? ` · ${formatPlural(waiting, 'record')} kept to share once sync is on` : '';
    return { state: 'off', text: `Sync is off — working from local data${kept}` };
  }
  const last = status.lastSyncAt === null ? '' : ` · last synced ${formatAgo(status.lastSyncAt, now)}`;
  const plan = waiting > 0 ? `${formatPlural(waiting, 'record')} will be shared when a peer connects` : 'everything works from local data';
  return { state: 'offline', text: `Working offline — ${plan}${last}` };
}

/** Records verified of those received, else documents held of those known; whole percent, never 100 while active. */
export function progressPercent(progress: SyncProgress): number {
  const [done, total] = progress.recordsReceived > 0 ? [progress.recordsProcessed, progress.recordsReceived] : [progress.docsReady, progress.docsKnown];
  if (total <= 0) return 0;
  const percent = Math.floor((done * 100) / total);
  return progress.active ? Math.min(99, percent) : percent;
}

export function progressText(progress: SyncProgress): string {
  return `${formatCount(progress.recordsProcessed)} of ${formatCount(progress.recordsReceived)} records verified · ${formatCount(progress.docsReady)} of ${formatCount(progress.docsKnown)} documents`;
}

/** What a peer row says about its link: connected which way, switched off by you, or when it is tried next. */
export function peerState(peer: PeerView, now: number): { tone: 'ok' | 'warn' | 'off'; text: string } {
  if (peer.connected) return { tone: 'ok', text: peer.direction === 'in' ? 'connected (they dialled)' : 'connected' };
  if (!peer.enabled) return { tone: 'off', text: 'disconnected by you' };
  if (peer.nextAttemptAt !== null) return { tone: 'warn', text: `not connected · retry ${formatIn(peer.nextAttemptAt, now)}` };
  return { tone: 'warn', text: 'not connected' };
}

export const SOURCE_LABELS: Record<PeerView['source'], string> = {
  manual: 'added by address',
  mdns: 'found on the LAN',
  invite: 'from an invite',
  inbound: 'dialled in',
};

/** What LAN sharing means right now, from what the engine reports (not from what was asked for). */
export function lanSharingText(status: SyncStatus): { title: string; detail: string } {
  const { listening } = status;
  const at = listening ? `${listening.host}:${listening.port}` : null;
  if (!at) return { title: status.lanSharing ? 'On, once sync runs.' : 'Off.', detail: 'Sync is off in this engine (started with --no-sync): nothing listens and nothing is announced.' };
  if (!status.lanSharing) return { title: 'Off.', detail: `Only this computer can reach this peer’s sync (${at}); nothing is announced on the network.` };
  const everywhere = listening!.host === '0.0.0.0' || listening!.host === '::';
  const discovery =
    status.mdns === 'on'
      ? 'it announces itself and looks for peers of this marketplace (mDNS)'
      : status.mdns === 'unavailable'
        ? 'LAN discovery is unavailable here (no multicast), so add peers by address'
        : 'it is not announced (LAN discovery is off)';
  return { title: 'On.', detail: `Other machines can reach this peer’s sync at ${everywhere ? `every network address of this computer (${at})` : at}, each proving its key; ${discovery}.` };
}
