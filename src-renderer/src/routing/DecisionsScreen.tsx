import { useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { formatCount, formatMoney, formatMs } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { DataTable, type Column } from '../table/DataTable';
import { STRATEGY_LABELS } from './labels';
import { useModelNames } from './useModelNames';

type Decision = CommandOutput<'route.decisions'>['items'][number];

const PAGE = 50;

function excerpt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

/** Every routed call of this device, newest first (route.decisions), following route.decided. */
export function DecisionsScreen() {
  const [page, setPage] = useState(0);
  const decisions = useCommand('route.decisions', { offset: page * PAGE, limit: PAGE }, ['route.decided']);
  const data = useKeepPrevious(decisions.data);
  const showLedgerEntry = useUiStore((s) => s.showLedgerEntry);
  const showScreen = useUiStore((s) => s.showScreen);
  const nameOf = useModelNames(data ? data.items.flatMap((d) => (d.answeredBy ? [d.chosen, d.answeredBy] : [d.chosen])) : []);

  let body;
  if (!data) {
    body = decisions.error && !decisions.loading ? <ErrorState error={decisions.error} onRetry={decisions.reload} testId="decisions-error" /> : <LoadingState label="Loading decisions…" />;
  } else if (data.total === 0) {
    body = (
      <EmptyState title="No routed calls yet." testId="decisions-empty">
        <p className="muted">Every call sent from the Playground (or through the API) is recorded here with who answered and what it cost.</p>
        <button type="button" className="button button-primary" onClick={() => showScreen('playground')} data-testid="decisions-open-playground">
          Open the Playground
        </button>
      </EmptyState>
    );
  } else {
    const columns: Array<Column<Decision>> = [
      { key: 'time', header: 'Time', cell: (d) => formatDateTime(d.ts), sortValue: (d) => d.ts, cellProps: () => ({ className: 'nowrap' }) },
      { key: 'prompt', header: 'Prompt', cell: (d) => excerpt(d.prompt), cellProps: (d) => ({ className: 'prompt-cell', title: d.prompt }) },
      { key: 'task', header: 'Task', cell: (d) => d.task, sortValue: (d) => d.task },
      { key: 'strategy', header: 'Strategy', cell: (d) => STRATEGY_LABELS[d.strategy], sortValue: (d) => STRATEGY_LABELS[d.strategy], cellProps: () => ({ className: 'nowrap' }) },
      {
        key: 'model',
        header: 'Chosen → answered by',
        cell: (d) => (
          <>
            {nameOf(d.chosen)}
            {d.answeredBy && d.answeredBy !== d.chosen && <> → {nameOf(d.answeredBy)}</>}
          </>
        ),
        sortValue: (d) => nameOf(d.answeredBy ?? d.chosen),
        cellProps: (d) => ({ title: `chosen ${d.chosen}${d.answeredBy ? `\nanswered by ${d.answeredBy}` : ''}` }),
      },
      {
        key: 'result',
        header: 'Result',
        cell: (d) => (
          <>
            <span className={`badge ${d.ok ? 'badge-measured' : 'badge-retired'}`}>{d.ok ? 'ok' : 'failed'}</span>
            {d.error && <span className="muted"> {excerpt(d.error)}</span>}
          </>
        ),
        sortValue: (d) => (d.ok ? 'ok' : 'failed'),
        cellProps: (d) => ({ title: d.error ?? undefined }),
      },
      // A failed call has no cost or latency: it sorts below every answered one.
      { key: 'cost', header: 'Cost', numeric: true, cell: (d) => (d.ok ? formatMoney(d.cost) : '—'), sortValue: (d) => (d.ok ? d.cost : -1), cellProps: () => ({ 'data-testid': 'decision-cost' }) },
      { key: 'latency', header: 'Latency', numeric: true, cell: (d) => (d.ok ? formatMs(d.latencyMs) : '—'), sortValue: (d) => (d.ok ? d.latencyMs : -1) },
      {
        key: 'charge',
        header: 'Charge',
        cell: (d) =>
          d.chargeHash ? (
            <button type="button" className="link-button" onClick={() => showLedgerEntry(d.chargeHash!)} data-testid="decision-charge-link">
              {d.chargeHash.slice(0, 8)}…
            </button>
          ) : (
            <span className="muted">not charged</span>
          ),
      },
    ];
    body = (
      <DataTable
        rows={data.items}
        columns={columns}
        rowKey={(d) => d.decisionId}
        label="Routed calls"
        testId="decisions-table"
        compact
        className="decisions-table"
        rowProps={(d) => ({ 'data-testid': 'decision-row', 'data-decision-id': d.decisionId, 'data-ok': d.ok })}
      />
    );
  }

  return (
    <section className="screen" data-testid="decisions" aria-label="Decisions">
      <div className="toolbar">
        <h1 className="screen-title">Decisions</h1>
        <span className="toolbar-spacer" />
        {data && data.total > 0 && (
          <span className="pager">
            <button type="button" className="button button-small" disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="decisions-prev">
              ‹ Newer
            </button>
            <span className="count" data-testid="decisions-range">
              {formatCount(page * PAGE + 1)}–{formatCount(Math.min(data.total, (page + 1) * PAGE))} of {formatCount(data.total)}
            </span>
            <button type="button" className="button button-small" disabled={(page + 1) * PAGE >= data.total} onClick={() => setPage(page + 1)} data-testid="decisions-next">
              Older ›
            </button>
          </span>
        )}
      </div>
      <div className="screen-scroll">{body}</div>
    </section>
  );
}
