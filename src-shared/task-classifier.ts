import { KNOWN_TASKS } from './domain';
import { FALLBACK_PRIOR, FALLBACK_TASK, LEADING_ACTION_BONUS, LEADING_ACTIONS, MATERIAL_WEIGHT, TASK_CUES } from './task-lexicon';

/** The classifier reads this much of a prompt: the request is at its start, pasted material after. */
const MAX_CHARS = 4_000;
/** Distinct words of one cue that count: a long pasted document must not drown the request. */
const MAX_MATCHES_PER_CUE = 3;

export interface TaskGuess {
  task: string;
  /** The winner's share of all scores, per mille (0 = no cue at all, the fallback). */
  confidencePermille: number;
  /** Each candidate task's score, for "why this task". */
  scores: Record<string, number>;
}

/** Quoted spans ("…", “…”, '…' not inside a word): what the request is about, not the request. */
const QUOTED = /"[^"\n]{2,}"|“[^”]{2,}”|(?<=^|[\s:(—-])'[^'\n]{2,}'(?=[\s.,;:?!)—-]|$)/g;

/**
 * Splits a prompt into the request and its material: quoted spans are material; without quotes,
 * whatever follows the first "…: " is. "Summarise this discharge note: <note>" asks to summarise
 * a clinical note; the note's own words say less about the task than the request's.
 */
export function splitRequest(prompt: string): { request: string; material: string } {
  const text = prompt.slice(0, MAX_CHARS).toLowerCase();
  const quoted = text.match(QUOTED);
  if (quoted) return { request: text.replace(QUOTED, ' '), material: quoted.join('\n') };
  const colon = text.search(/:\s/);
  if (colon < 0) return { request: text, material: '' };
  return { request: text.slice(0, colon), material: text.slice(colon + 1) };
}

interface CompiledCue {
  /** Without the g flag: test() keeps no position, so one compiled cue serves every call. */
  once: RegExp;
  /** With it, only read through matchAll, which works on a copy. */
  every: RegExp;
  weight: number;
}

const COMPILED_CUES: Readonly<Record<string, readonly CompiledCue[]>> = Object.fromEntries(
  Object.entries(TASK_CUES).map(([task, cues]) => [
    task,
    cues.map(([pattern, weight]) => ({ once: new RegExp(pattern.source, pattern.flags.replace('g', '')), every: new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`), weight })),
  ]),
);

function distinctMatches(cue: CompiledCue, text: string): number {
  // Most cues match nothing: a plain test is far cheaper than starting an iterator.
  if (text.length === 0 || !cue.once.test(text)) return 0;
  const seen = new Set<string>();
  for (const m of text.matchAll(cue.every)) {
    seen.add(m[0]);
    if (seen.size >= MAX_MATCHES_PER_CUE) break;
  }
  return seen.size;
}

function scoreOf(task: string, request: string, material: string): number {
  let score = task === FALLBACK_TASK ? FALLBACK_PRIOR : 0;
  const cues = COMPILED_CUES[task];
  // A task without cues (one a listing named) counts when the request names it outright.
  if (!cues) return request.includes(task.toLowerCase()) ? FALLBACK_PRIOR + 0.5 : 0;
  if (LEADING_ACTIONS[task]?.test(request)) score += LEADING_ACTION_BONUS;
  for (const cue of cues) {
    score += cue.weight * (distinctMatches(cue, request) + MATERIAL_WEIGHT * distinctMatches(cue, material));
  }
  return score;
}

/**
 * Infers the task of a prompt among `tasks` (default: the known tasks) from hand-written cues:
 * no model, no downloaded weights, a few microseconds a prompt. The highest score wins; the
 * fallback (chat) starts ahead by one weak cue and wins ties; among other ties, the first task
 * listed. Accuracy on the held-out prompts is a test and a bench line; docs/routing.md says how.
 */
export function classifyTask(prompt: string, tasks: readonly string[] = KNOWN_TASKS): TaskGuess {
  const { request, material } = splitRequest(prompt);
  const scores: Record<string, number> = {};
  let best: string | null = null;
  let total = 0;
  for (const task of tasks) {
    const score = Math.round(scoreOf(task, request, material) * 100) / 100;
    scores[task] = score;
    total += score;
    const leader = best === null ? -1 : scores[best]!;
    if (best === null || score > leader || (score === leader && task === FALLBACK_TASK)) best = task;
  }
  const task = best ?? FALLBACK_TASK;
  const cueScore = (scores[task] ?? 0) - (task === FALLBACK_TASK ? FALLBACK_PRIOR : 0);
  const confidencePermille = total > 0 && cueScore > 0 ? Math.round((1000 * (scores[task] ?? 0)) / total) : 0;
  return { task, confidencePermille, scores };
}
