import { useState } from 'react';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { formatCount, formatMoney, formatMs } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { STRATEGY_LABELS } from './labels';
import { useModelNames } from './useModelNames';

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
    body = (
      <div className="table-scroll">
        <table className="data-table compact decisions-table" data-testid="decisions-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Prompt</th>
              <th>Task</th>
              <th>Strategy</th>
              <th>Chosen → answered by</th>
              <th>Result</th>
              <th className="num">Cost</th>
              <th className="num">Latency</th>
              <th>Charge</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((d) => (
              <tr key={d.decisionId} data-testid="decision-row" data-decision-id={d.decisionId} data-ok={d.ok}>
                <td className="nowrap">{formatDateTime(d.ts)}</td>
                <td className="prompt-cell" title={d.prompt}>
                  {excerpt(d.prompt)}
                </td>
                <td>{d.task}</td>
                <td className="nowrap">{STRATEGY_LABELS[d.strategy]}</td>
                <td title={`chosen ${d.chosen}${d.answeredBy ? `\nanswered by ${d.answeredBy}` : ''}`}>
                  {nameOf(d.chosen)}
                  {d.answeredBy && d.answeredBy !== d.chosen && <> → {nameOf(d.answeredBy)}</>}
                </td>
                <td title={d.error ?? undefined}>
                  <span className={`badge ${d.ok ? 'badge-measured' : 'badge-retired'}`}>{d.ok ? 'ok' : 'failed'}</span>
                  {d.error && <span className="muted"> {excerpt(d.error)}</span>}
                </td>
                <td className="num" data-testid="decision-cost">
                  {d.ok ? formatMoney(d.cost) : '—'}
                </td>
                <td className="num">{d.ok ? formatMs(d.latencyMs) : '—'}</td>
                <td>
                  {d.chargeHash ? (
                    <button type="button" className="link-button" onClick={() => showLedgerEntry(d.chargeHash!)} data-testid="decision-charge-link">
                      {d.chargeHash.slice(0, 8)}…
                    </button>
                  ) : (
                    <span className="muted">not charged</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
