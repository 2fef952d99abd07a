import type { FormEvent, KeyboardEvent } from 'react';
import { KNOWN_TASKS } from '../../../src-shared/domain';
import { STRATEGIES, type Strategy } from '../../../src-shared/routing';
import { FormField } from '../shell/FormField';
import { NumberFields, type NumberFieldSpec } from '../shell/NumberFields';
import { TextField } from '../shell/TextField';
import type { PlaygroundText } from '../state/playground-view';
import { useUiStore } from '../state/ui-store';
import { STRATEGY_LABELS } from './labels';
import { ProducerConstraint } from './ProducerConstraint';
import { taskOf, type PlaygroundField, type PlaygroundProblems } from './route-input';

const NUMBER_FIELDS: Array<NumberFieldSpec<'maxCost' | 'minAccuracy' | 'maxLatency'>> = [
  { field: 'maxCost', label: 'Max cost per call', unit: 'cr', placeholder: 'any', hint: 'Estimated per model.' },
  { field: 'minAccuracy', label: 'Min accuracy', unit: '%', placeholder: 'any' },
  { field: 'maxLatency', label: 'Max p95 latency', unit: 'ms', placeholder: 'any' },
];

/** The prompt, task, strategy and hard constraints; Plan asks who would answer, Send asks them. */
export function PlaygroundForm({
  problems,
  showProblems,
  busy,
  onPlan,
  onSend,
}: {
  problems: PlaygroundProblems;
  /** Problems show once the user tried to plan or send, or typed into a field. */
  showProblems: boolean;
  busy: boolean;
  onPlan(): void;
  onSend(): void;
}) {
  const text = useUiStore((s) => s.playground);
  const setPlayground = useUiStore((s) => s.setPlayground);
  const problem = (field: PlaygroundField) => (showProblems || (field !== 'prompt' && text[field] !== '') ? problems[field] : undefined);
  const set = (patch: Partial<PlaygroundText>) => setPlayground(patch);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSend();
  }
  // Ctrl/⌘+Enter sends from the prompt, as in most chat tools.
  function onPromptKey(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSend();
    }
  }

  return (
    <form className="card form-section playground-form" data-testid="playground-form" onSubmit={submit} noValidate>
      <FormField id="pg-prompt" label="Prompt" problem={problem('prompt')} hint="Ctrl+Enter sends.">
        <textarea
          id="pg-prompt"
          data-testid="pg-prompt"
          rows={6}
          value={text.prompt}
          aria-invalid={problem('prompt') !== undefined}
          onChange={(e) => set({ prompt: e.target.value })}
          onKeyDown={onPromptKey}
        />
      </FormField>
      <div className="field-row three">
        <FormField id="pg-task" label="Task" hint={text.task === '' ? 'Inferred from the prompt; choose one to override.' : undefined}>
          <select id="pg-task" data-testid="pg-task" data-routed-task={taskOf(text)} value={text.task} onChange={(e) => set({ task: e.target.value, producers: [] })}>
            <option value="" data-testid="pg-task-auto">
              Auto: {taskOf(text)}
            </option>
            {text.task !== '' && !(KNOWN_TASKS as readonly string[]).includes(text.task) && <option value={text.task}>{text.task}</option>}
            {KNOWN_TASKS.map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="pg-strategy" label="Strategy">
          <select id="pg-strategy" data-testid="pg-strategy" value={text.strategy ?? ''} onChange={(e) => set({ strategy: (e.target.value || null) as Strategy | null })}>
            <option value="" title="The default strategy of the Routing settings">
              Default
            </option>
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_LABELS[s]}
              </option>
            ))}
          </select>
        </FormField>
        <TextField
          id="pg-outputTokens"
          label="Expected output"
          unit="tokens"
          problem={problem('outputTokens')}
          inputMode="numeric"
          placeholder="512"
          value={text.outputTokens}
          onChange={(value) => set({ outputTokens: value })}
        />
      </div>
      <fieldset className="constraints">
        <legend>Constraints</legend>
        <div className="field-row three">
          <NumberFields idPrefix="pg" fields={NUMBER_FIELDS} values={text} problem={problem} onChange={(field, value) => set({ [field]: value })} />
        </div>
        <label className="checkbox-field" title="Only models whose latency and reliability were measured from signed observations">
          <input type="checkbox" data-testid="pg-measuredOnly" checked={text.measuredOnly} onChange={(e) => set({ measuredOnly: e.target.checked })} />
          Measured only
        </label>
        <ProducerConstraint />
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button" onClick={onPlan} data-testid="pg-plan">
          Plan
        </button>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="pg-send">
          {busy ? 'Answering…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
