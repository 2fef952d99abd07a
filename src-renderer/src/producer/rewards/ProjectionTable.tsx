import type { Projection } from '../../../../src-shared/rewards';
import { formatCount, formatMoney } from '../../format/numbers';
import { formatDay } from '../../format/time';
import { formatPpm } from '../../rewards/format';

type Standing = Projection['current'];

const ROWS: Array<{ key: string; label: string; cell(s: Standing, p: Projection): string }> = [
  { key: 'reference', label: 'Reference call', cell: (s) => (s.referenceCost === null ? 'unpriced' : formatMoney(s.referenceCost)) },
  { key: 'value', label: 'Value score', cell: (s) => formatCount(s.valueScore) },
  { key: 'rank', label: 'Value rank', cell: (s, p) => (s.valueRank === null ? '—' : `#${s.valueRank} of ${formatCount(p.competitors + 1)}`) },
  { key: 'frontier', label: 'On the frontier', cell: (s) => (s.dominated ? 'no: a cheaper model is at least as accurate' : 'yes') },
  { key: 'share', label: 'Routed share', cell: (s, p) => `${formatPpm(s.sharePpm)} (${formatCount(s.chosen)} of ${formatCount(p.workload.samples)} calls)` },
  { key: 'revenue', label: 'Revenue per epoch', cell: (s) => formatMoney(s.revenuePerEpoch) },
  { key: 'reward', label: 'Reward per epoch', cell: (s) => formatMoney(s.projectedReward) },
];

/** rewards.projection side by side: the price in force and the candidate, with the assumptions behind them. */
export function ProjectionTable({ projection: p }: { projection: Projection }) {
  const w = p.workload;
  return (
    <div data-testid="projection">
      <table className="data-table compact" data-testid="projection-table">
        <thead>
          <tr>
            <th />
            <th className="num">Now</th>
            <th className="num">At the candidate</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.key} data-testid={`projection-${row.key}`}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.cell(p.current, p)}</td>
              <td className="num" data-testid="projection-candidate">
                {row.cell(p.candidate, p)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="projection-workload">
        {p.task}: {formatCount(w.samples)} recent calls replayed{w.from !== null && w.to !== null ? ` (${formatDay(w.from)} – ${formatDay(w.to)})` : ''}, {formatCount(w.callsPerEpoch)} calls and{' '}
        {formatCount(w.payersPerEpoch)} paying users per epoch. Basis for the reward: {p.basis.epoch === null ? 'no final epoch yet' : `epoch #${p.basis.epoch}`}, your perf {p.basis.perf}, pool{' '}
        {formatMoney(p.basis.distributable)}.
      </p>
      <ul className="plain-list muted" data-testid="projection-notes">
        {p.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
