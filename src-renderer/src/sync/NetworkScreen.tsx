import { useCommand } from '../client/useCommand';
import { formatPlural } from '../format/numbers';
import { InlineError } from '../shell/InlineError';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { useNow } from '../shell/useNow';
import { ConnectForm } from './ConnectForm';
import { InviteCard } from './InviteCard';
import { LanSharingCard } from './LanSharingCard';
import { PeersTable } from './PeersTable';
import { SyncProgressCard } from './SyncProgressBar';
import { ThisPeerCard } from './ThisPeerCard';
import { useSyncStatus } from './useSyncStatus';

/**
 * Peer sync from the user's side: who this peer is, who it knows, what is still to send, a running
 * sync's progress, and the two ways to meet a peer (connect by address, or invite). Nothing here is
 * needed to use the marketplace: without peers every screen works from local data.
 */
export function NetworkScreen() {
  const status = useSyncStatus();
  const peers = useCommand('sync.peers', {}, ['sync.changed']);
  const now = useNow();
  const connected = peers.data?.filter((p) => p.connected).length ?? 0;

  return (
    <section className="screen" data-testid="network" aria-label="Network">
      <div className="toolbar">
        <h1 className="screen-title">Network</h1>
        <span className="muted">Offline first: peers exchange signed records when they meet; nothing waits for them.</span>
      </div>
      <div className="screen-scroll">
        <div className="network-grid">
          <div className="network-column">
            {status.data ? (
              <>
                <ThisPeerCard status={status.data} />
                <LanSharingCard status={status.data} onChanged={status.reload} />
              </>
            ) : status.error && !status.loading ? (
              <ErrorState error={status.error} onRetry={status.reload} testId="sync-status-error" />
            ) : (
              <LoadingState label="Reading the sync state…" />
            )}
            <SyncProgressCard fromStatus={status.data?.progress} />
          </div>
          <div className="network-column">
            <ConnectForm />
            <InviteCard lanSharing={status.data?.lanSharing ?? null} />
          </div>
          <section className="card network-peers" aria-label="Peers">
            <div className="card-header">
              <h2>Peers</h2>
              {peers.data && (
                <span className="muted" data-testid="peers-count">
                  {formatPlural(peers.data.length, 'known peer')} · {connected} connected
                </span>
              )}
            </div>
            {peers.error && !peers.loading ? (
              <InlineError error={peers.error} onRetry={peers.reload} testId="peers-error" prefix="Peers are unavailable" />
            ) : !peers.data ? (
              <p className="muted">Loading peers…</p>
            ) : peers.data.length === 0 ? (
              <p className="muted" data-testid="peers-empty">
                No peer yet. This engine works alone until it meets one: by address, through an invite
                {status.data?.mdns === 'on' ? ', or on the LAN (found automatically)' : ', or on the LAN once LAN sharing is on'}.
              </p>
            ) : (
              <PeersTable peers={peers.data} now={now} />
            )}
          </section>
        </div>
      </div>
    </section>
  );
}
