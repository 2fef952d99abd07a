import { formatCount, formatMoney } from '../../format/numbers';
import { CHART_MODELS, type Revenue } from './revenue';

/** Per model: calls, what users paid, the fee, refunds and what reached the producer account. */
export function RevenueTable({ revenue, nameOf }: { revenue: Revenue; nameOf(modelId: string | null): string }) {
  const t = revenue.totals;
  return (
    <table className="data-table compact" data-testid="revenue-table">
      <thead>
        <tr>
          <th>Model</th>
          <th className="num">Calls</th>
          <th className="num">Users paid</th>
          <th className="num">Fee</th>
          <th className="num">Refunds</th>
          <th className="num">Earned</th>
        </tr>
      </thead>
      <tbody>
        {revenue.rows.map((row, i) => (
          <tr key={row.modelId ?? '-'} data-testid="revenue-row" data-model-id={row.modelId ?? ''} data-earned={row.earned}>
            <td title={row.modelId ?? 'Refunds that name no model'}>
              <span className={`swatch series-${Math.min(i, CHART_MODELS)}`} aria-hidden="true" />
              {nameOf(row.modelId)}
            </td>
            <td className="num">{formatCount(row.calls)}</td>
            <td className="num">{formatMoney(row.gross)}</td>
            <td className="num">{formatMoney(row.fees)}</td>
            <td className="num">{row.refunds === 0 ? '—' : formatMoney(row.refunds)}</td>
            <td className="num" data-testid="revenue-earned">
              <strong>{formatMoney(row.earned)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="revenue-total" data-earned={t.earned}>
          <th scope="row">Total</th>
          <td className="num">{formatCount(t.calls)}</td>
          <td className="num">{formatMoney(t.gross)}</td>
          <td className="num">{formatMoney(t.fees)}</td>
          <td className="num">{t.refunds === 0 ? '—' : formatMoney(t.refunds)}</td>
          <td className="num">
            <strong>{formatMoney(t.earned)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
