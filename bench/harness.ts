/** One benchmark result line: the figure and its baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue: how many baselines this figure costs. */
  ratio: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function timeRuns(runs: number, work: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function report(result: Omit<BenchResult, 'ratio'>): void {
  const line: BenchResult = { ...result, value: round(result.value), baselineValue: round(result.baselineValue), ratio: round(result.value / result.baselineValue, 2) };
  console.log(JSON.stringify(line));
}
