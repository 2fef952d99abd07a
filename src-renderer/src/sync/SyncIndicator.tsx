import { formatPlural } from '../format/numbers';
import { useNow } from '../shell/useNow';
import { connectionSummary } from './sync-view';
import { useSyncProgress, useSyncStatus } from './useSyncStatus';

/** The status line's connection state: peers and last sync, a running sync, or offline. */
export function SyncIndicator() {
  const status = useSyncStatus();
  const progress = useSyncProgress(status.data?.progress);
  const now = useNow();
  if (!status.data) {
    if (!status.error) return null;
    return (
      <span className="muted" data-testid="status-sync" data-state="unknown" title={`Sync status unavailable: ${status.error.message}`}>
        sync status unavailable
      </span>
    );
  }
  const { state, text } = connectionSummary(status.data, progress, now);
  const quarantined = status.data.counts.quarantined;
  return (
    <>
      <span className={`sync-dot sync-${state}`} aria-hidden="true" />
      <span
        className="status-sync-text"
        data-testid="status-sync"
        data-state={state}
        title={`${text}. Peer sync: every screen works offline from local data; peers exchange signed records when they meet`}
      >
        {text}
      </span>
      {status.data.lanSharing && (
        <span className="badge" data-testid="status-lan" title="LAN sharing is on: other machines on this network can reach this peer's sync (Network screen to turn it off)">
          LAN sharing
        </span>
      )}
      {quarantined > 0 && (
        <span className="badge badge-claimed" data-testid="status-quarantined" title="Records received from peers that failed verification and did not take effect">
          {formatPlural(quarantined, 'record')} quarantined
        </span>
      )}
    </>
  );
}
