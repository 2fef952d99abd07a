import { DEFAULT_OUTPUT_TOKENS, MIN_LEARNED_OUTPUT, type OutputEstimate } from '../../../src-shared/routing';

/** One model's recent successful-call output lengths on one task: a ring read as its median. */
export interface OutputLengths {
  /** At most OUTPUT_WINDOW lengths; `next` is the slot the next one overwrites once full. */
  recent: number[];
  next: number;
  /** Successful calls seen (not capped): how much the figure rests on. */
  calls: number;
  /** Median of `recent`, kept until the next call (a decision reads it for every learned model). */
  median?: number | undefined;
}

export type OutputLengthsByTask = Map<string, OutputLengths>;

export const OUTPUT_WINDOW = 64;
/** Tasks are free-form in observations: a model keeps lengths for this many, first come. */
export const MAX_OUTPUT_TASKS = 16;
/** A peer's observation may claim any length; the figure never exceeds what a caller may ask for. */
export const MAX_LEARNED_OUTPUT = 100_000;

export function recordOutputLength(byTask: OutputLengthsByTask, task: string, tokens: number): void {
  let lengths = byTask.get(task);
  if (!lengths) {
    if (byTask.size >= MAX_OUTPUT_TASKS) return;
    byTask.set(task, (lengths = { recent: [], next: 0, calls: 0 }));
  }
  const value = Math.min(MAX_LEARNED_OUTPUT, Math.max(1, Math.trunc(tokens)));
  if (lengths.recent.length < OUTPUT_WINDOW) lengths.recent.push(value);
  else lengths.recent[lengths.next] = value;
  lengths.next = (lengths.next + 1) % OUTPUT_WINDOW;
  lengths.calls++;
  lengths.median = undefined;
}

/**
 * The learned output length once MIN_LEARNED_OUTPUT calls were seen, else null. The (lower) median:
 * a few very long or empty answers, or a peer's outliers, do not move it.
 */
export function learnedOutputTokens(byTask: OutputLengthsByTask | undefined, task: string): number | null {
  const lengths = byTask?.get(task);
  if (!lengths || lengths.calls < MIN_LEARNED_OUTPUT) return null;
  if (lengths.median === undefined) {
    const sorted = [...lengths.recent].sort((a, b) => a - b);
    lengths.median = sorted[(sorted.length - 1) >> 1]!;
  }
  return lengths.median;
}

/** A candidate's output figure: the caller's when given (`callerTokens`), else learned, else the default. */
export function outputEstimateOf(byTask: OutputLengthsByTask | undefined, task: string, callerTokens: number | null): OutputEstimate {
  const calls = byTask?.get(task)?.calls ?? 0;
  if (callerTokens !== null) return { outputTokens: callerTokens, source: 'caller', calls };
  const learned = learnedOutputTokens(byTask, task);
  return learned === null ? { outputTokens: DEFAULT_OUTPUT_TOKENS, source: 'default', calls } : { outputTokens: learned, source: 'learned', calls };
}
