import type { PriceChange } from '../../../../src-shared/pricing';
import { formatMoney } from '../../format/numbers';
import { formatDateTime } from '../../format/time';

function status(change: PriceChange, now: number): string {
  if (change.current) return 'in force';
  return change.effectiveFrom > now ? 'scheduled' : 'past';
}

/** Every signed price change, newest first, with what it means for a reference call. */
export function PriceHistoryTable({ changes, now }: { changes: readonly PriceChange[]; now: number }) {
  return (
    <table className="data-table" data-testid="price-history-table">
      <thead>
        <tr>
          <th>Effective from</th>
          <th className="num">Input / 1M</th>
          <th className="num">Output / 1M</th>
          <th className="num">Per request</th>
          <th className="num">Reference call</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {[...changes].reverse().map((change) => (
          <tr key={change.hash} data-testid="price-history-row" data-current={change.current} title={`Signed ${formatDateTime(change.ts)} · record ${change.hash.slice(0, 12)}…`}>
            <td>{formatDateTime(change.effectiveFrom)}</td>
            <td className="num">{formatMoney(change.price.inputPer1M)}</td>
            <td className="num">{formatMoney(change.price.outputPer1M)}</td>
            <td className="num">{formatMoney(change.price.perRequest)}</td>
            <td className="num">{formatMoney(change.referenceCost)}</td>
            <td>
              <span className={`badge badge-status-${status(change, now).replace(' ', '-')}`}>{status(change, now)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
