import { useCommand } from '../client/useCommand';
import { formatCount, formatMoney } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { InlineError } from '../shell/InlineError';

/** The last ten ledger entries that name this model: what calls to it actually cost. */
export function RecentActivity({ modelId }: { modelId: string }) {
  const entries = useCommand('ledger.entries', { modelId, limit: 10 }, ['ledger.changed']);
  if (entries.error && !entries.loading) {
    return <InlineError error={entries.error} onRetry={entries.reload} testId="model-activity-error" prefix="Recent activity is unavailable" />;
  }
  if (!entries.data) return <p className="muted">Loading recent activity…</p>;
  const items = entries.data.items;
  if (items.length === 0) {
    return (
      <p className="muted" data-testid="model-activity-empty">
        No calls charged for this model yet.
      </p>
    );
  }
  return (
    <table className="data-table compact nowrap" data-testid="model-activity">
      <thead>
        <tr>
          <th>Time</th>
          <th className="num">Amount</th>
          <th className="num">Tokens in / out</th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => {
          // A charge's memo carries what the call cost; an entry without one shows its own amount.
          const amount = entry.memo?.cost ?? entry.amount;
          return (
            <tr key={entry.hash} data-testid="model-activity-row">
              <td>
                {formatDateTime(entry.ts)}
                {entry.kind !== 'charge' && <span className="badge badge-kind">{entry.kind}</span>}
              </td>
              <td className="num">{amount === null ? '—' : formatMoney(amount)}</td>
              <td className="num">
                {entry.memo ? `${formatCount(entry.memo.inputTokens)} / ${formatCount(entry.memo.outputTokens)}` : '—'}
                {entry.memo?.usageEstimated && <span className="muted" title="Usage estimated: the endpoint did not report tokens"> ≈</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
