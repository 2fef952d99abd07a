import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { PeerView } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { shortKey } from '../format/numbers';
import { formatAgo } from '../format/relative';
import { peerState, SOURCE_LABELS } from './sync-view';

/** Disconnect (stops redialling) or reconnect one peer; errors stay on its row. */
function PeerAction({ peer }: { peer: PeerView }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }
  let button = null;
  if (peer.enabled && (peer.key !== null || peer.address !== null)) {
    const target = peer.key !== null ? { peerKey: peer.key } : { address: peer.address! };
    button = (
      <button type="button" className="button button-small" disabled={busy} onClick={() => void run(() => client.call('sync.disconnect', target))} data-testid="peer-disconnect">
        Disconnect
      </button>
    );
  } else if (!peer.enabled && peer.address !== null) {
    const input = { address: peer.address, ...(peer.key ? { key: peer.key } : {}) };
    button = (
      <button type="button" className="button button-small" disabled={busy} onClick={() => void run(() => client.call('sync.connect', input))} data-testid="peer-reconnect">
        Reconnect
      </button>
    );
  }
  return (
    <>
      {button}
      {failure && (
        <span className="field-error" role="alert" data-testid="peer-action-error">
          {failure.message} <code>{failure.code}</code>
        </span>
      )}
    </>
  );
}

/** Every peer this engine knows (sync.peers), connected or not, with what went wrong last. */
export function PeersTable({ peers, now }: { peers: readonly PeerView[]; now: number }) {
  return (
    <div className="table-scroll">
      <table className="data-table compact" data-testid="peers-table">
        <thead>
          <tr>
            <th>Address</th>
            <th>Key</th>
            <th>Found</th>
            <th>State</th>
            <th>Last sync</th>
            <th>Last seen</th>
            <th>Last error</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {peers.map((peer) => {
            const state = peerState(peer, now);
            return (
              <tr key={`${peer.key ?? ''}|${peer.address ?? ''}`} data-testid="peer-row" data-key={peer.key ?? ''} data-address={peer.address ?? ''} data-connected={peer.connected}>
                <td>{peer.address ? <code className="selectable">{peer.address}</code> : <span className="muted">unknown (it dialled in)</span>}</td>
                <td>{peer.key ? <code title={peer.key}>{shortKey(peer.key)}</code> : <span className="muted">not yet proven</span>}</td>
                <td className="nowrap">{SOURCE_LABELS[peer.source]}</td>
                <td className="nowrap">
                  <span className={`peer-state peer-${state.tone}`} data-testid="peer-state">
                    {state.text}
                  </span>
                </td>
                <td className="nowrap">{peer.lastSyncAt === null ? <span className="muted">never</span> : formatAgo(peer.lastSyncAt, now)}</td>
                <td className="nowrap">{peer.lastSeenAt === null ? <span className="muted">never</span> : formatAgo(peer.lastSeenAt, now)}</td>
                <td className="peer-error" title={peer.lastError ?? undefined}>
                  {peer.lastError ?? <span className="muted">—</span>}
                </td>
                <td className="nowrap">
                  <PeerAction peer={peer} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
