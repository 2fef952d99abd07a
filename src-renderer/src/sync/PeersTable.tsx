import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { PeerView } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { shortKey } from '../format/numbers';
import { formatAgo } from '../format/relative';
import { DataTable, type Column } from '../table/DataTable';
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

/** Never-happened times sort below every real one. */
const timeOrNever = (at: number | null) => at ?? -1;

/** Every peer this engine knows (sync.peers), connected or not, with what went wrong last. */
export function PeersTable({ peers, now }: { peers: readonly PeerView[]; now: number }) {
  const columns: Array<Column<PeerView>> = [
    {
      key: 'address',
      header: 'Address',
      cell: (p) => (p.address ? <code className="selectable">{p.address}</code> : <span className="muted">unknown (it dialled in)</span>),
      sortValue: (p) => p.address ?? '',
    },
    { key: 'key', header: 'Key', cell: (p) => (p.key ? <code title={p.key}>{shortKey(p.key)}</code> : <span className="muted">not yet proven</span>), sortValue: (p) => p.key ?? '' },
    { key: 'source', header: 'Found', cell: (p) => SOURCE_LABELS[p.source], sortValue: (p) => SOURCE_LABELS[p.source], cellProps: () => ({ className: 'nowrap' }) },
    {
      key: 'state',
      header: 'State',
      cell: (p) => {
        const state = peerState(p, now);
        return (
          <span className={`peer-state peer-${state.tone}`} data-testid="peer-state">
            {state.text}
          </span>
        );
      },
      sortValue: (p) => peerState(p, now).text,
      cellProps: () => ({ className: 'nowrap' }),
    },
    {
      key: 'synced',
      header: 'Last sync',
      cell: (p) => (p.lastSyncAt === null ? <span className="muted">never</span> : formatAgo(p.lastSyncAt, now)),
      sortValue: (p) => timeOrNever(p.lastSyncAt),
      cellProps: () => ({ className: 'nowrap' }),
    },
    {
      key: 'seen',
      header: 'Last seen',
      cell: (p) => (p.lastSeenAt === null ? <span className="muted">never</span> : formatAgo(p.lastSeenAt, now)),
      sortValue: (p) => timeOrNever(p.lastSeenAt),
      cellProps: () => ({ className: 'nowrap' }),
    },
    {
      key: 'error',
      header: 'Last error',
      cell: (p) => p.lastError ?? <span className="muted">—</span>,
      sortValue: (p) => p.lastError ?? '',
      cellProps: (p) => ({ className: 'peer-error', title: p.lastError ?? undefined }),
    },
    { key: 'action', header: <span className="visually-hidden">Action</span>, cell: (p) => <PeerAction peer={p} />, cellProps: () => ({ className: 'nowrap' }) },
  ];
  return (
    <DataTable
      rows={peers}
      columns={columns}
      rowKey={(p) => `${p.key ?? ''}|${p.address ?? ''}`}
      label="Peers"
      testId="peers-table"
      compact
      rowProps={(p) => ({ 'data-testid': 'peer-row', 'data-key': p.key ?? '', 'data-address': p.address ?? '', 'data-connected': p.connected })}
    />
  );
}
