import { formatCredits } from '../../../src-shared/money';
import { formatMoney } from '../format/numbers';
import { formatDay } from '../format/time';
import { ChartFrame } from './ChartFrame';
import { linearScale, niceTicks } from './scale';

/** One stacked layer: integer micro-credits per day, in the order of `days`. */
export interface BarSeries {
  key: string;
  label: string;
  values: readonly number[];
}

const M = { top: 12, right: 10, bottom: 22, left: 62 };

/** Positive amounts stack up from zero and negative ones (refunds) down, so a day's bar shows both. */
function stackExtent(series: readonly BarSeries[], days: number): { low: number; high: number } {
  let low = 0;
  let high = 0;
  for (let d = 0; d < days; d++) {
    let up = 0;
    let down = 0;
    for (const s of series) {
      const v = s.values[d] ?? 0;
      if (v >= 0) up += v;
      else down += v;
    }
    high = Math.max(high, up);
    low = Math.min(low, down);
  }
  return { low, high };
}

/** Round ticks that cover [low, high] entirely, so the tallest bar never rises above the last label. */
function coveringTicks(low: number, high: number): number[] {
  const ticks = niceTicks(low, high === low ? low + 1 : high, 3);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : Math.max(1, high - low);
  while (ticks[ticks.length - 1]! < high) ticks.push(ticks[ticks.length - 1]! + step);
  while (ticks[0]! > low) ticks.unshift(ticks[0]! - step);
  return ticks;
}

/**
 * Money per day as bars, one colour per series (CSS classes series-0…5). Amounts stay integers up
 * to here; only pixel positions are fractional, and every label is formatted from its integer.
 */
export function DailyBarChart({
  days,
  series,
  testId,
  label,
  width = 880,
  height = 200,
}: {
  days: readonly number[];
  series: readonly BarSeries[];
  testId: string;
  label: string;
  width?: number;
  height?: number;
}) {
  const { low, high } = stackExtent(series, days.length);
  const ticks = coveringTicks(low, high);
  const top = ticks[ticks.length - 1]!;
  const bottom = ticks[0]!;
  const y = linearScale([bottom, top], [height - M.bottom, M.top]);
  const slot = (width - M.left - M.right) / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.72);
  const x = (i: number) => M.left + i * slot + (slot - barWidth) / 2;
  const middle = Math.floor((days.length - 1) / 2);

  // Only the days with an amount: thirty rows of zeros would hide the few that matter.
  const shown = days.map((day, i) => ({ day, values: series.map((s) => s.values[i] ?? 0) })).filter((d) => d.values.some((v) => v !== 0));
  const table = (
    <table className="data-table compact" aria-label={label} data-testid={`${testId}-table`}>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="num">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((d) => (
          <tr key={d.day}>
            <td>{formatDay(d.day)}</td>
            {d.values.map((v, i) => (
              <td key={series[i]!.key} className="num">
                {formatMoney(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame label={label} table={table}>
    <svg className="chart bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId}>
      {ticks.map((t) => (
        <g key={t}>
          <line className={t === 0 ? 'chart-zero' : 'chart-grid'} x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
          <text className="chart-tick" x={M.left - 6} y={y(t) + 3} textAnchor="end">
            {formatCredits(t)}
          </text>
        </g>
      ))}
      {days.map((day, i) => {
        let up = 0;
        let down = 0;
        const total = series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
        return (
          <g key={day} data-testid={`${testId}-day`} data-day={day} data-micro={total}>
            <title>{`${formatDay(day)}: ${formatMoney(total)}${series.length > 1 ? series.map((s) => `\n${s.label}: ${formatMoney(s.values[i] ?? 0)}`).join('') : ''}`}</title>
            {/* A transparent full-height slot so the tooltip works on empty days too. */}
            <rect className="chart-slot" x={M.left + i * slot} y={M.top} width={slot} height={height - M.top - M.bottom} />
            {series.map((s, k) => {
              const v = s.values[i] ?? 0;
              if (v === 0) return null;
              const from = v > 0 ? up : down;
              const to = from + v;
              if (v > 0) up = to;
              else down = to;
              const y0 = y(Math.max(from, to));
              const y1 = y(Math.min(from, to));
              return <rect key={s.key} className={`chart-bar series-${k % 6}`} x={x(i)} y={y0} width={barWidth} height={Math.max(1, y1 - y0)} />;
            })}
          </g>
        );
      })}
      {days.length > 0 &&
        [0, middle, days.length - 1]
          .filter((i, k, all) => all.indexOf(i) === k)
          .map((i) => (
            <text key={i} className="chart-tick" x={x(i) + barWidth / 2} y={height - 6} textAnchor="middle">
              {formatDay(days[i]!)}
            </text>
          ))}
    </svg>
    </ChartFrame>
  );
}
