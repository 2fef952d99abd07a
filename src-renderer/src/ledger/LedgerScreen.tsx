import { useMemo } from 'react';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { formatCount, formatMoney } from '../format/numbers';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { buildEntriesInput, PAGE_SIZE } from './accounts';
import { EntriesTable } from './EntriesTable';
import { EntryDetail } from './EntryDetail';
import { ExportButton, useVerifyLedger } from './LedgerActions';
import { LedgerFilterBar } from './LedgerFilterBar';

function Pager({ total, page }: { total: number; page: number }) {
  const setPage = useUiStore((s) => s.setLedgerPage);
  const first = page * PAGE_SIZE;
  const last = Math.min(total, first + PAGE_SIZE);
  return (
    <span className="pager">
      <button type="button" className="button button-small" disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="ledger-prev">
        ‹ Newer
      </button>
      <span className="count" data-testid="ledger-range">
        {total === 0 ? '0' : `${formatCount(first + 1)}–${formatCount(last)}`} of {formatCount(total)}
      </span>
      <button type="button" className="button button-small" disabled={last >= total} onClick={() => setPage(page + 1)} data-testid="ledger-next">
        Older ›
      </button>
    </span>
  );
}

/**
 * The ledger explorer: every entry this engine holds, filtered and paged by the engine, with the
 * totals of all matches, a running balance per account, and each entry's inclusion proof.
 */
export function LedgerScreen({ me }: { me: string }) {
  const view = useUiStore((s) => s.ledger);
  const selectEntry = useUiStore((s) => s.selectLedgerEntry);
  const { input, problems } = useMemo(() => buildEntriesInput(view, me), [view, me]);
  const entries = useCommand('ledger.entries', input, ['ledger.changed']);
  // Paging or filtering keeps the last page on screen until the next one arrives.
  const page = useKeepPrevious(entries.data);
  const verify = useVerifyLedger();
  const byAccount = input.account !== undefined;

  let body;
  if (!page) {
    body = entries.error && !entries.loading ? <ErrorState error={entries.error} onRetry={entries.reload} testId="ledger-error" /> : <LoadingState label="Reading the ledger…" testId="ledger-loading" />;
  } else if (page.total === 0) {
    body = (
      <EmptyState title="No ledger entries match these filters." testId="ledger-empty">
        <p className="muted">Deposits, charges for calls and refunds appear here as they are signed or received from peers.</p>
      </EmptyState>
    );
  } else {
    body = (
      <div className="table-scroll ledger-scroll" aria-busy={entries.loading}>
        <EntriesTable page={page} me={me} byAccount={byAccount} selected={view.selected} onSelect={selectEntry} />
      </div>
    );
  }

  return (
    <section className="screen" data-testid="ledger" aria-label="Ledger">
      <div className="toolbar">
        <h1 className="screen-title">Ledger</h1>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => void verify.run()} disabled={verify.busy} data-testid="ledger-verify">
          {verify.busy ? 'Verifying…' : 'Verify whole ledger'}
        </button>
        <ExportButton />
      </div>
      <LedgerFilterBar problems={problems} />
      <div className="split">
        <div className="split-main">
          {verify.view}
          {page && (
            <div className="ledger-summary" data-testid="ledger-totals">
              <Pager total={page.total} page={view.page} />
              <span className="toolbar-spacer" />
              {byAccount ? (
                <>
                  <span>
                    In <strong data-testid="ledger-credits">{formatMoney(page.totals.credits)}</strong>
                  </span>
                  <span>
                    Out <strong data-testid="ledger-debits">{formatMoney(page.totals.debits)}</strong>
                  </span>
                  <span>
                    Net <strong data-testid="ledger-net">{formatMoney(page.totals.net)}</strong>
                  </span>
                </>
              ) : (
                <span title="Without an account every entry nets to zero; this is what the matching entries moved">
                  Moved <strong data-testid="ledger-credits">{formatMoney(page.totals.credits)}</strong>
                </span>
              )}
            </div>
          )}
          {body}
        </div>
        {view.selected !== null && <EntryDetail key={view.selected} hash={view.selected} me={me} onClose={() => selectEntry(null)} />}
      </div>
    </section>
  );
}
