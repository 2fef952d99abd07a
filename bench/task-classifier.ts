import { readFileSync } from 'node:fs';
import { KNOWN_TASKS } from '../src-shared/domain';
import { classifyTask } from '../src-shared/task-classifier';
import { report } from './harness';

type Labelled = Array<{ task: string; prompt: string }>;

function load(name: string): Labelled {
  const { prompts } = JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as { prompts: Record<string, string[]> };
  return KNOWN_TASKS.flatMap((task) => (prompts[task] ?? []).map((prompt) => ({ task, prompt })));
}

const accuracyPercent = (set: Labelled, guess: (prompt: string) => string) => (100 * set.filter(({ task, prompt }) => guess(prompt) === task).length) / set.length;

/** Microseconds per prompt over `rounds` passes of the set. */
function microsPerPrompt(set: Labelled, rounds: number, work: (prompt: string) => unknown): number {
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const { prompt } of set) work(prompt);
  return ((performance.now() - started) * 1_000) / (rounds * set.length);
}

/**
 * The task classifier: accuracy on the held-out prompts (tuned against) and on the unseen ones
 * (never tuned against), each against always answering the fallback task; then time per prompt
 * against only lower-casing and splitting it into words.
 */
export async function benchTaskClassifier(rounds = 20): Promise<void> {
  for (const [name, file] of [['held-out', 'task-prompts.json'], ['unseen', 'task-prompts-unseen.json']] as const) {
    const set = load(file);
    report({
      name: `task classifier accuracy, ${set.length} ${name} prompts over ${KNOWN_TASKS.length} tasks`,
      value: accuracyPercent(set, (p) => classifyTask(p).task),
      unit: '%',
      baseline: 'always the fallback task (chat)',
      baselineValue: accuracyPercent(set, () => 'chat'),
    });
  }
  const set = load('task-prompts.json');
  microsPerPrompt(set, 2, classifyTask); // warm-up
  report({
    name: 'task classifier time per prompt',
    value: microsPerPrompt(set, rounds, classifyTask),
    unit: 'µs',
    baseline: 'lower-casing and splitting the prompt into words',
    baselineValue: microsPerPrompt(set, rounds, (p) => p.toLowerCase().split(/\s+/)),
  });
}
