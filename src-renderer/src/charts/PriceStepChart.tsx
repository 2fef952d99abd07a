import type { PriceChange } from '../../../src-shared/pricing';
import { formatCredits } from '../../../src-shared/money';
import { formatDay } from '../format/time';
import { formatMoney } from '../format/numbers';
import { priceSteps } from '../model/price-steps';
import { ChartFrame } from './ChartFrame';
import { linearScale, niceTicks, padded, pathOf } from './scale';

const W = 400;
const H = 150;
const M = { top: 12, right: 14, bottom: 22, left: 62 };
const DAY = 86_400_000;

/**
 * The reference-call cost over time as a step line: flat while a price is in force, a vertical
 * jump when the next takes over. Changes scheduled after now are dashed; the price in force now
 * is marked with a dot.
 */
export function PriceStepChart({ changes, now, testId = 'price-chart' }: { changes: readonly PriceChange[]; now: number; testId?: string }) {
  if (changes.length === 0) return null;
  const first = Math.min(...changes.map((c) => c.effectiveFrom));
  const last = Math.max(...changes.map((c) => c.effectiveFrom));
  // The line runs to now, or past the last scheduled change so that its step has visible length.
  const margin = Math.max(DAY, (Math.max(now, last) - first) * 0.06);
  const end = last > now ? last + margin : now;
  const steps = priceSteps(changes, end);
  const costs = steps.map((s) => s.referenceCost);
  const [y0, y1] = padded(Math.min(...costs), Math.max(...costs), 0.15, 0);
  const x = linearScale([first, end + margin * 0.25], [M.left, W - M.right]);
  const y = linearScale([y0, y1], [H - M.bottom, M.top]);
  const ticks = niceTicks(Math.ceil(y0), Math.floor(y1), 3);
  const current = changes.find((c) => c.current);

  const past: Array<[number, number]> = [];
  const future: Array<[number, number]> = [];
  for (const step of steps) {
    const from = Math.max(step.from, first);
    const split = Math.min(Math.max(now, step.from), step.to);
    if (split > from) past.push([x(from), y(step.referenceCost)], [x(split), y(step.referenceCost)]);
    if (step.to > split) {
      if (future.length === 0 && past.length > 0) future.push(past[past.length - 1]!);
      future.push([x(split), y(step.referenceCost)], [x(step.to), y(step.referenceCost)]);
    }
  }

  const label = `Reference-call price over time${current ? `, now ${formatMoney(current.referenceCost)}` : ''}`;
  const table = (
    <table className="data-table compact" aria-label={label} data-testid={`${testId}-table`}>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Until</th>
          <th scope="col" className="num">
            Reference call
          </th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr key={`${step.from}:${step.referenceCost}`}>
            <td>{formatDay(step.from)}</td>
            <td>{step.to >= end ? (step.from > now ? 'scheduled' : 'now') : formatDay(step.to)}</td>
            <td className="num">{formatMoney(step.referenceCost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame label={label} table={table}>
    <svg
      className="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text className="chart-tick" x={M.left - 6} y={y(t) + 3} textAnchor="end">
            {formatCredits(t)}
          </text>
        </g>
      ))}
      <text className="chart-tick" x={M.left} y={H - 6}>
        {formatDay(first)}
      </text>
      <text className="chart-tick" x={W - M.right} y={H - 6} textAnchor="end">
        {formatDay(end)}
      </text>
      <line className="chart-now" x1={x(now)} x2={x(now)} y1={M.top} y2={H - M.bottom} />
      <path className="chart-line" d={pathOf(past)} data-testid={`${testId}-line`} />
      {future.length > 0 && <path className="chart-line chart-line-scheduled" d={pathOf(future)} data-testid={`${testId}-scheduled`} />}
      {current && (
        <g data-testid={`${testId}-current`}>
          <circle className="chart-current" cx={x(now)} cy={y(current.referenceCost)} r={4} />
          <text className="chart-label" x={x(now) - 6} y={y(current.referenceCost) - 8} textAnchor="end">
            now {formatMoney(current.referenceCost)}
          </text>
        </g>
      )}
    </svg>
    </ChartFrame>
  );
}
