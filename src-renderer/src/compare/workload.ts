import { parseWhole } from '../format/parse-input';
import type { WorkloadText } from '../state/ui-store';

export interface Workload {
  inputTokens: number;
  outputTokens: number;
  requestsPerMonth: number;
}

export type WorkloadProblems = Partial<Record<keyof WorkloadText, string>>;

/** The three workload fields → whole numbers within the contract's limits, or what is wrong. */
export function parseWorkload(text: WorkloadText): { workload: Workload | null; problems: WorkloadProblems } {
  const input = parseWhole(text.inputTokens, { label: 'Input tokens', max: 10_000_000 });
  const output = parseWhole(text.outputTokens, { label: 'Output tokens', max: 10_000_000 });
  const requests = parseWhole(text.requestsPerMonth, { label: 'Requests per month', max: 1_000_000_000 });
  const problems: WorkloadProblems = {};
  if (!input.ok) problems.inputTokens = input.message;
  if (!output.ok) problems.outputTokens = output.message;
  if (!requests.ok) problems.requestsPerMonth = requests.message;
  if (!input.ok || !output.ok || !requests.ok) return { workload: null, problems };
  return { workload: { inputTokens: input.value, outputTokens: output.value, requestsPerMonth: requests.value }, problems };
}
