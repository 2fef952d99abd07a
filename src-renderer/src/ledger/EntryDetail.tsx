import type { LedgerEntryView } from '../../../src-shared/ledger';
import { useCommand } from '../client/useCommand';
import { formatCount, formatMoney, formatMs, shortKey } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { Row } from '../model/ModelMetrics';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import type { LedgerFilterPatch } from '../state/ledger-view';
import { useUiStore } from '../state/ui-store';
import { accountLabel, producerAccount, userAccount } from './accounts';
import { ProofView } from './ProofView';
import { VerifyEntry } from './VerifyEntry';

/** The explorer filter that shows one account's entries. */
function accountFilter(account: string, me: string): LedgerFilterPatch {
  if (account === userAccount(me)) return { account: 'user', accountText: '' };
  if (account === producerAccount(me)) return { account: 'producer', accountText: '' };
  if (account === 'pool:rewards') return { account: 'pool', accountText: '' };
  if (account === 'treasury') return { account: 'treasury', accountText: '' };
  return { account: 'other', accountText: account };
}

function Postings({ entry, me }: { entry: LedgerEntryView; me: string }) {
  const setFilter = useUiStore((s) => s.setLedgerFilter);
  return (
    <table className="data-table compact" data-testid="entry-postings">
      <tbody>
        {entry.postings.map((p) => (
          <tr key={p.account} data-testid="entry-posting" data-account={p.account} data-amount={p.amount}>
            <td title={p.account}>
              <button type="button" className="link-button" title={`Show the entries of ${p.account}`} onClick={() => setFilter(accountFilter(p.account, me))}>
                {accountLabel(p.account, me)}
              </button>
            </td>
            <td className={`num${p.amount < 0 ? ' negative' : ''}`}>{formatMoney(p.amount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Memo({ memo }: { memo: NonNullable<LedgerEntryView['memo']> }) {
  const setFilter = useUiStore((s) => s.setLedgerFilter);
  return (
    <dl className="detail-grid" data-testid="entry-memo">
      <Row label="Model">
        <code className="selectable">{memo.modelId}</code>{' '}
        <button type="button" className="link-button" onClick={() => setFilter({ modelText: memo.modelId })} data-testid="entry-filter-model">
          entries of this model
        </button>
      </Row>
      <Row label="Tokens in / out">
        {formatCount(memo.inputTokens)} / {formatCount(memo.outputTokens)}
        {memo.usageEstimated && <span className="muted"> (estimated: the endpoint reported no usage)</span>}
      </Row>
      <Row label="Latency">{formatMs(memo.latencyMs)}</Row>
      <Row label="Cost">
        <span data-testid="entry-cost">{formatMoney(memo.cost)}</span>
      </Row>
      <Row label="Fee (rewards pool)">{formatMoney(memo.fee)}</Row>
      {memo.decisionId && (
        <Row label="Decision">
          <code className="selectable">{memo.decisionId}</code>
        </Row>
      )}
      {memo.priceHash && (
        <Row label="Price record">
          <code className="selectable hash">{memo.priceHash}</code>
        </Row>
      )}
    </dl>
  );
}

/** One entry: what moved, why, where it sits in its chain, and the proof that it is in the log. */
export function EntryDetail({ hash, me, onClose }: { hash: string; me: string; onClose(): void }) {
  const proof = useCommand('ledger.proof', { hash }, ['ledger.changed']);
  const entry = proof.data?.entry;
  return (
    <aside className="detail-panel entry-detail" data-testid="entry-detail" data-hash={hash} aria-label="Ledger entry">
      <button type="button" className="icon-button detail-close" onClick={onClose} aria-label="Close entry" data-testid="close-entry">
        ×
      </button>
      {proof.data && entry ? (
        <>
          <header className="detail-header">
            <h2>
              <span className={`badge badge-entry-${entry.kind}`} data-testid="entry-kind">
                {entry.kind}
              </span>{' '}
              {formatDateTime(entry.ts)}
            </h2>
            <p className="muted">
              Entry id <code className="selectable">{entry.id}</code>
            </p>
          </header>
          <h3>Postings</h3>
          <Postings entry={entry} me={me} />
          {entry.memo && (
            <>
              <h3>Memo</h3>
              <Memo memo={entry.memo} />
            </>
          )}
          {entry.note && (
            <>
              <h3>Note</h3>
              <p className="selectable">{entry.note}</p>
            </>
          )}
          <h3>Chain</h3>
          <dl className="detail-grid" data-testid="entry-chain">
            <Row label="Chain (signer)">
              <code className="selectable hash">{entry.chain}</code>
            </Row>
            <Row label="Seq">
              <span data-testid="entry-seq">{formatCount(entry.seq)}</span>
            </Row>
            <Row label="Prev hash">
              <code className="selectable hash">{entry.prev}</code>
            </Row>
            <Row label="Hash">
              <code className="selectable hash" data-testid="entry-hash">
                {entry.hash}
              </code>
            </Row>
            <Row label="On behalf of">
              <span title={entry.identity}>{entry.identity === me ? 'you' : shortKey(entry.identity)}</span>
            </Row>
          </dl>
          <h3>Inclusion proof</h3>
          <ProofView proof={proof.data} />
          <VerifyEntry key={hash} hash={hash} />
        </>
      ) : proof.error && !proof.loading ? (
        <ErrorState error={proof.error} onRetry={proof.reload} testId="entry-error" />
      ) : (
        <LoadingState label="Loading the entry and its proof…" />
      )}
    </aside>
  );
}
