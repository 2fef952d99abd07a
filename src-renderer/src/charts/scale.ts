/**
 * Chart geometry. Money stays integer micro-credits up to here; only pixel positions are
 * fractional, and every label is formatted from the integer it stands for.
 */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/**
 * About `count` round ticks (1, 2 or 5 × 10^k) covering [min, max]. Integer inputs give integer
 * ticks, so money ticks are exact micro-credit amounts.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (max <= min) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(Math.round(t));
  return ticks;
}

/** A domain with some room around the data, so points do not sit on the frame. */
export function padded(min: number, max: number, fraction = 0.08, floor?: number): [number, number] {
  const span = max - min || Math.max(1, Math.abs(max) * 0.5);
  const low = min - span * fraction;
  return [floor === undefined ? low : Math.max(floor, low), max + span * fraction];
}

/** SVG path data through the points, in order. */
export function pathOf(points: ReadonlyArray<readonly [number, number]>): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}
