import type { CommandInput } from '../../../src-shared/contract';
import type { Constraints } from '../../../src-shared/routing';
import { optional, parseCredits, parsePercentBps, parseWhole } from '../format/parse-input';
import type { PlaygroundText } from '../state/playground-view';
import { classifyTask } from '../../../src-shared/task-classifier';

export type RouteInput = CommandInput<'route.plan'>;
export type PlaygroundField = 'prompt' | 'maxCost' | 'minAccuracy' | 'maxLatency' | 'outputTokens';
export type PlaygroundProblems = Partial<Record<PlaygroundField, string>>;

const MAX_PROMPT = 200_000;

/**
 * The playground as typed → the route.plan / route.call input, or what is wrong. Money and
 * percentages are parsed as text into integers (never through a float); an empty field is no
 * constraint at all.
 */
/** The task to route to: the one chosen, or the one the prompt's words point to (docs/routing.md §7). */
export function taskOf(text: Pick<PlaygroundText, 'task' | 'prompt'>): string {
  return text.task !== '' ? text.task : classifyTask(text.prompt).task;
}

export function buildRouteInput(text: PlaygroundText, pinnedModel: string | null): { input: RouteInput | null; problems: PlaygroundProblems } {
  const problems: PlaygroundProblems = {};
  const prompt = text.prompt.trim();
  if (prompt === '') problems.prompt = 'Type a prompt.';
  else if (text.prompt.length > MAX_PROMPT) problems.prompt = `A prompt can be at most ${MAX_PROMPT.toLocaleString('en-US')} characters.`;

  const maxCost = optional(text.maxCost, (t) => parseCredits(t, { label: 'Max cost per call' }));
  const minAccuracy = optional(text.minAccuracy, (t) => parsePercentBps(t, 'Min accuracy'));
  const maxLatency = optional(text.maxLatency, (t) => parseWhole(t, { label: 'Max p95 latency', min: 1, max: 600_000 }));
  const outputTokens = optional(text.outputTokens, (t) => parseWhole(t, { label: 'Expected output tokens', min: 1, max: 100_000 }));
  if (maxCost && !maxCost.ok) problems.maxCost = maxCost.message;
  if (minAccuracy && !minAccuracy.ok) problems.minAccuracy = minAccuracy.message;
  if (maxLatency && !maxLatency.ok) problems.maxLatency = maxLatency.message;
  if (outputTokens && !outputTokens.ok) problems.outputTokens = outputTokens.message;
  if (Object.keys(problems).length > 0) return { input: null, problems };

  const constraints: Constraints = {};
  if (maxCost?.ok) constraints.maxCostPerCall = maxCost.value;
  if (minAccuracy?.ok) constraints.minAccuracyBps = minAccuracy.value;
  if (maxLatency?.ok) constraints.maxLatencyP95Ms = maxLatency.value;
  if (text.measuredOnly) constraints.measuredOnly = true;
  if (text.producerMode === 'allow' && text.producers.length > 0) constraints.allowProducers = [...text.producers];
  if (text.producerMode === 'deny' && text.producers.length > 0) constraints.denyProducers = [...text.producers];
  if (pinnedModel) constraints.pinnedModel = pinnedModel;

  const input: RouteInput = {
    task: taskOf(text),
    messages: [{ role: 'user', content: text.prompt }],
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    ...(text.strategy ? { strategy: text.strategy } : {}),
    ...(outputTokens?.ok ? { expectedOutputTokens: outputTokens.value } : {}),
  };
  return { input, problems };
}
