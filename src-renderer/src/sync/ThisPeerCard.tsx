import type { SyncStatus } from '../../../src-shared/sync';
import { formatCount, formatPlural, shortKey } from '../format/numbers';
import { Row } from '../model/ModelMetrics';
import { CopyButton } from '../shell/CopyButton';
import { useUiStore } from '../state/ui-store';

const MDNS: Record<SyncStatus['mdns'], string> = {
  on: 'on: peers of this marketplace on the LAN are found and dialled',
  off: 'off: peers on the LAN are neither looked for nor told about this one',
  unavailable: 'unavailable here (no multicast): LAN peers are not found, add them by address',
};

/** Who this engine is to its peers, where it listens, and what it holds. */
export function ThisPeerCard({ status }: { status: SyncStatus }) {
  const showScreen = useUiStore((s) => s.showScreen);
  const { counts, pending } = status;
  const problems = counts.quarantined + counts.conflicts + counts.truncations;
  return (
    <section className="card" data-testid="this-peer" aria-label="This peer">
      <h2>This peer</h2>
      <dl className="detail-grid">
        <Row label="Peer key">
          <span className="copy-line">
            <code className="selectable break-all" data-testid="peer-key">
              {status.peerKey}
            </code>
            <CopyButton value={status.peerKey} label="peer key" testId="copy-peer-key" />
          </span>
        </Row>
        <Row label="Sync address">
          {status.listening ? (
            <span data-testid="sync-listening">
              <code className="selectable">{`${status.listening.host}:${status.listening.port}`}</code>
              {status.listening.host === '0.0.0.0' && <span className="muted"> (every interface; an invite names the LAN address)</span>}
            </span>
          ) : (
            <span className="muted" data-testid="sync-listening">
              not listening: sync is off (started with --no-sync)
            </span>
          )}
        </Row>
        <Row label="LAN discovery">{MDNS[status.mdns]}</Row>
        <Row label="Marketplace">{status.marketplaceId ? <code title={status.marketplaceId}>{shortKey(status.marketplaceId)}</code> : 'none'}</Row>
        <Row label="Holds">
          {formatPlural(counts.records, 'record')} in {formatPlural(counts.docs, 'document')}
          {counts.missingDocs > 0 && <span className="muted"> · {formatCount(counts.missingDocs)} still to fetch</span>}
        </Row>
        <Row label="Pending">
          <span data-testid="sync-pending" data-records={pending.records} data-docs={pending.docs}>
            {pending.records === 0 && pending.docs === 0
              ? 'nothing: every local change was acknowledged by a peer'
              : `${formatPlural(pending.records, 'record')} in ${formatPlural(pending.docs, 'document')} not yet acknowledged by any peer`}
          </span>
        </Row>
        <Row label="Digest">
          <code className="hash" title="sha256 over the hashes of every accepted record: two peers with equal digests hold equal data" data-testid="sync-digest">
            {status.digest.slice(0, 16)}…
          </code>
        </Row>
        <Row label="Integrity">
          <span data-testid="sync-integrity-counts">
            {formatCount(counts.quarantined)} quarantined · {formatCount(counts.conflicts)} conflicts · {formatCount(counts.truncations)} truncations
          </span>{' '}
          <button type="button" className="link-button" onClick={() => showScreen('integrity')} data-testid="open-integrity">
            {problems > 0 ? 'review them' : 'details'}
          </button>
        </Row>
      </dl>
    </section>
  );
}
