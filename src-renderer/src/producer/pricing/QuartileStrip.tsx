import type { Position } from '../../../../src-shared/pricing';
import { linearScale } from '../../charts/scale';
import { formatMoney } from '../../format/numbers';

const W = 360;
const H = 46;
const PAD = 10;

/** The task's reference-call prices as a box (q1–q3) with whiskers, and where now and the candidate sit. */
export function QuartileStrip({ quartiles, current, candidate }: { quartiles: NonNullable<Position['quartiles']>; current: number | null; candidate: number | null }) {
  const values = [quartiles.min, quartiles.max, ...(current === null ? [] : [current]), ...(candidate === null ? [] : [candidate])];
  const x = linearScale([Math.min(...values), Math.max(...values)], [PAD, W - PAD]);
  const mid = 18;
  return (
    <svg className="chart quartile-strip" viewBox={`0 0 ${W} ${H}`} role="img" data-testid="quartile-strip"
      aria-label={`Prices of the task: min ${formatMoney(quartiles.min)}, median ${formatMoney(quartiles.median)}, max ${formatMoney(quartiles.max)}`}>
      <line className="chart-whisker" x1={x(quartiles.min)} x2={x(quartiles.max)} y1={mid} y2={mid} />
      <rect className="chart-box" x={x(quartiles.q1)} y={mid - 8} width={Math.max(1, x(quartiles.q3) - x(quartiles.q1))} height={16} />
      <line className="chart-median" x1={x(quartiles.median)} x2={x(quartiles.median)} y1={mid - 8} y2={mid + 8} />
      {current !== null && (
        <g className="mark-self">
          <circle cx={x(current)} cy={mid} r={4.5} />
          <text className="chart-tick" x={x(current)} y={H - 2} textAnchor="middle">now</text>
        </g>
      )}
      {candidate !== null && (
        <g className="mark-candidate" data-testid="quartile-candidate">
          <circle cx={x(candidate)} cy={mid} r={4.5} />
          <text className="chart-tick" x={x(candidate)} y={8} textAnchor="middle">new</text>
        </g>
      )}
    </svg>
  );
}
