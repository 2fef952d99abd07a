import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_TASKS } from '../../src-shared/domain';
import { classifyTask, splitRequest } from '../../src-shared/task-classifier';
import { SUITES } from '../../src-main/engine/evals/suites';

type PromptSet = { prompts: Record<string, string[]> };
const load = (name: string): PromptSet => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as PromptSet;
const HELD_OUT = load('task-prompts.json');
const UNSEEN = load('task-prompts-unseen.json');

const normalise = (p: string) => p.toLowerCase().replace(/\s+/g, ' ').trim();

describe('task classifier', () => {
  it('holds out at least 30 prompts per known task, none of them from the evaluation suites or repeated', () => {
    const suitePrompts = new Set([...SUITES.values()].flatMap((s) => s.cases.map((c) => normalise(c.prompt))));
    const seen = new Set<string>();
    for (const task of KNOWN_TASKS) {
      const prompts = [...HELD_OUT.prompts[task]!, ...UNSEEN.prompts[task]!];
      expect(HELD_OUT.prompts[task]!.length).toBeGreaterThanOrEqual(30);
      for (const prompt of prompts) {
        expect(suitePrompts.has(normalise(prompt)), prompt).toBe(false);
        expect(seen.has(normalise(prompt)), prompt).toBe(false);
        seen.add(normalise(prompt));
      }
    }
  });

  it('is at least 80 % accurate on the held-out prompts of every task', () => {
    for (const task of KNOWN_TASKS) {
      const prompts = HELD_OUT.prompts[task]!;
      const right = prompts.filter((p) => classifyTask(p).task === task).length;
      expect(right / prompts.length, `${task}: ${right}/${prompts.length}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('is at least 80 % accurate overall on prompts never used to tune it', () => {
    const all = KNOWN_TASKS.flatMap((task) => UNSEEN.prompts[task]!.map((prompt) => ({ task, prompt })));
    const right = all.filter(({ task, prompt }) => classifyTask(prompt).task === task).length;
    expect(right / all.length).toBeGreaterThanOrEqual(0.8);
  });

  it('is at least 80 % accurate on the evaluation suites\' prompts (never used to tune it either)', () => {
    const cases = [...SUITES.entries()].flatMap(([task, s]) => s.cases.map((c) => ({ task, prompt: c.prompt })));
    const right = cases.filter(({ task, prompt }) => classifyTask(prompt).task === task).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(0.8);
  });

  it('falls back to chat with zero confidence when nothing says otherwise, and chooses only among the given tasks', () => {
    expect(classifyTask('hmm')).toMatchObject({ task: 'chat', confidencePermille: 0 });
    expect(classifyTask('')).toMatchObject({ task: 'chat', confidencePermille: 0 });
    const legalOnly = classifyTask('Translate this clause into French: the tenant shall pay rent monthly.', ['legal', 'code']);
    expect(legalOnly.task).toBe('legal');
    expect(Object.keys(legalOnly.scores)).toEqual(['legal', 'code']);
  });

  it('a task a listing named (no cues) wins when the request names it', () => {
    expect(classifyTask('Write a haiku about rain', ['chat', 'haiku']).task).toBe('haiku');
    expect(classifyTask('Write a poem about rain', ['chat', 'haiku']).task).toBe('chat');
  });

  it('reads quoted and pasted material at a discount: the request decides', () => {
    expect(splitRequest('Translate to German: "my invoice is overdue"')).toEqual({ request: 'translate to german:  ', material: '"my invoice is overdue"' });
    expect(classifyTask('Translate to German: "the patient needs a dose of 5 mg of the drug"').task).toBe('translation');
    expect(classifyTask('Extract the names from: the patient and the doctor met at the clinic').task).toBe('extraction');
  });

  it('stays bounded on a huge prompt', () => {
    const guess = classifyTask(`Summarise this: ${'the contract clause and the invoice '.repeat(50_000)}`);
    expect(guess.task).toBe('summarisation');
  });
});
