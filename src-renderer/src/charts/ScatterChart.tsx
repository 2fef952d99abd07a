import { formatCredits } from '../../../src-shared/money';
import { formatBpsPercent, formatMoney } from '../format/numbers';
import { ChartFrame } from './ChartFrame';
import { linearScale, niceTicks, padded, pathOf } from './scale';

export interface ScatterPoint {
  id: string;
  name: string;
  /** Reference-call cost, micro-credits. */
  cost: number;
  accuracyBps: number;
  onFrontier: boolean;
  /** Drawn larger and labelled: a compared model, the producer's own model or its candidate price. */
  mark?: 'compared' | 'self' | 'candidate';
}

const M = { top: 14, right: 16, bottom: 30, left: 52 };

/**
 * Price (x) against accuracy (y) for one task: every model a dot, the Pareto frontier a line (no
 * model on it can be beaten on price without losing accuracy), marked models labelled.
 */
export function ScatterChart({
  points,
  frontier,
  width = 520,
  height = 280,
  testId = 'scatter',
  label,
}: {
  points: readonly ScatterPoint[];
  frontier: ReadonlyArray<{ cost: number; accuracyBps: number }>;
  width?: number;
  height?: number;
  testId?: string;
  label: string;
}) {
  if (points.length === 0) return null;
  const all = [...points, ...frontier];
  const [x0, x1] = padded(Math.min(...all.map((p) => p.cost)), Math.max(...all.map((p) => p.cost)), 0.06, 0);
  const [y0, y1] = padded(Math.min(...all.map((p) => p.accuracyBps)), Math.max(...all.map((p) => p.accuracyBps)), 0.1, 0);
  const x = linearScale([x0, x1], [M.left, width - M.right]);
  const y = linearScale([y0, Math.min(10_000, y1)], [height - M.bottom, M.top]);
  const line = [...frontier].sort((a, b) => a.cost - b.cost).map((p) => [x(p.cost), y(p.accuracyBps)] as const);
  // Marked points last, so they are drawn on top.
  const ordered = [...points].sort((a, b) => Number(Boolean(a.mark)) - Number(Boolean(b.mark)));

  const table = (
    <table className="data-table compact" aria-label={label} data-testid={`${testId}-table`}>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col" className="num">
            Reference call
          </th>
          <th scope="col" className="num">
            Accuracy
          </th>
          <th scope="col">On the frontier</th>
        </tr>
      </thead>
      <tbody>
        {[...points].sort((a, b) => a.cost - b.cost).map((p) => (
          <tr key={`${p.mark ?? 'dot'}:${p.id}`}>
            <td>{p.mark === 'candidate' ? `${p.name} (candidate price)` : p.name}</td>
            <td className="num">{formatMoney(p.cost)}</td>
            <td className="num">{formatBpsPercent(p.accuracyBps)}</td>
            <td>{p.onFrontier ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame label={label} table={table}>
    <svg className="chart scatter" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId}>
      {niceTicks(Math.ceil(y0), Math.floor(Math.min(10_000, y1)), 4).map((t) => (
        <g key={`y${t}`}>
          <line className="chart-grid" x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
          <text className="chart-tick" x={M.left - 6} y={y(t) + 3} textAnchor="end">
            {formatBpsPercent(t)}
          </text>
        </g>
      ))}
      {niceTicks(Math.ceil(x0), Math.floor(x1), 4).map((t) => (
        <text key={`x${t}`} className="chart-tick" x={x(t)} y={height - M.bottom + 14} textAnchor="middle">
          {formatCredits(t)}
        </text>
      ))}
      <text className="chart-axis" x={width - M.right} y={height - 3} textAnchor="end">
        reference-call price (cr) →
      </text>
      <text className="chart-axis" x={4} y={M.top - 4}>
        accuracy ↑
      </text>
      {line.length > 0 && <path className="chart-frontier" d={pathOf(line)} data-testid={`${testId}-frontier`} />}
      {ordered.map((p) => {
        const cx = x(p.cost);
        const cy = y(p.accuracyBps);
        const leftSide = cx > width * 0.68;
        // A price being typed sits next to the price in force: one is labelled above, the other below.
        const labelAt =
          p.mark === 'candidate'
            ? { x: cx, y: cy - 10, anchor: 'middle' as const }
            : p.mark === 'self'
              ? { x: cx, y: cy + 18, anchor: 'middle' as const }
              : { x: cx + (leftSide ? -9 : 9), y: cy + 4, anchor: leftSide ? ('end' as const) : ('start' as const) };
        return (
          <g
            key={`${p.mark ?? 'dot'}:${p.id}`}
            className={`scatter-point${p.onFrontier ? ' on-frontier' : ''}${p.mark ? ` mark-${p.mark}` : ''}`}
            data-testid={`${testId}-point`}
            data-model-id={p.id}
            data-mark={p.mark ?? ''}
          >
            <title>{`${p.name}: ${formatMoney(p.cost)}, ${formatBpsPercent(p.accuracyBps)}${p.onFrontier ? ' (on the frontier)' : ''}`}</title>
            <circle cx={cx} cy={cy} r={p.mark ? 5.5 : 3.5} />
            {p.mark && (
              <text className="chart-label" x={labelAt.x} y={labelAt.y} textAnchor={labelAt.anchor} data-testid={`${testId}-label`}>
                {p.name}
              </text>
            )}
          </g>
        );
      })}
    </svg>
    </ChartFrame>
  );
}
