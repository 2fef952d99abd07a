import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../src-shared/errors';
import { STRATEGIES, type RoutingSettings, type Strategy, type Weights } from '../../../../src-shared/routing';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { issuesByField } from '../../client/issues';
import { FormField } from '../../shell/FormField';
import { FormFooter } from '../../shell/FormFooter';
import { NumberFields, type NumberFieldSpec } from '../../shell/NumberFields';
import { STRATEGY_LABELS } from '../labels';
import { parseSettingsText, settingsFieldOf, settingsTextOf, WEIGHT_KEYS, type SettingsField, type SettingsText } from './settings-form';

type Plain = 'daily' | 'monthly' | 'timeoutMs' | 'retries' | 'maxFallbacks' | 'exploration';
const PLAIN: Array<NumberFieldSpec<Plain>> = [
  { field: 'daily', label: 'Daily budget', unit: 'cr', hint: 'Per UTC day; empty = no limit.', placeholder: 'no limit' },
  { field: 'monthly', label: 'Monthly budget', unit: 'cr', hint: 'Per UTC month; empty = no limit.', placeholder: 'no limit' },
  { field: 'timeoutMs', label: 'Timeout per attempt', unit: 'ms', hint: '1,000 to 600,000.' },
  { field: 'retries', label: 'Retries per model', hint: '0 to 5, on 5xx, 429, timeouts and network errors.' },
  { field: 'maxFallbacks', label: 'Fallbacks', unit: 'models', hint: '0 to 10: how many next-best models are tried.' },
  { field: 'exploration', label: 'Exploration', unit: '%', hint: 'Best value only: how close to the best score a sampled model may be to win.' },
];

function WeightInput({ name, text, problem, onChange }: { name: keyof Weights; text: string; problem?: string; onChange(value: string): void }) {
  const numeric = /^\d+$/.test(text) ? Math.min(100, Number(text)) : 0;
  const id = `rs-weight-${name}`;
  return (
    <FormField id={id} label={`${name[0]!.toUpperCase()}${name.slice(1)}`} problem={problem}>
      <input type="range" min={0} max={100} step={1} value={numeric} aria-label={`${name} weight slider`} data-testid={`${id}-slider`} onChange={(e) => onChange(e.target.value)} />
      <input id={id} className="weight-number" inputMode="numeric" data-testid={id} value={text} aria-invalid={problem !== undefined} onChange={(e) => onChange(e.target.value)} />
    </FormField>
  );
}

/** routing.getSettings in a form; Save sends the whole set back with routing.setSettings. */
export function RoutingSettingsForm({ initial }: { initial: RoutingSettings }) {
  const client = useClient();
  const [saved, setSavedSettings] = useState(initial);
  const [text, setText] = useState<SettingsText>(() => settingsTextOf(initial));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const { settings, problems: local } = parseSettingsText(text);
  const remote = issuesByField(failure, settingsFieldOf);
  const problem = (field: SettingsField): string | undefined => local[field] ?? remote[field];
  const dirty = JSON.stringify(text) !== JSON.stringify(settingsTextOf(saved));
  const edit = (patch: Partial<SettingsText>) => {
    setText((t) => ({ ...t, ...patch }));
    setDone(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await client.call('routing.setSettings', settings);
      setSavedSettings(answer);
      setText(settingsTextOf(answer));
      setDone(true);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-section" data-testid="routing-settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Routing</h2>
      <FormField id="rs-strategy" label="Default strategy" hint="Used when a request names none (the Playground's “Default”).">
        <select id="rs-strategy" data-testid="rs-strategy" value={text.strategy} onChange={(e) => edit({ strategy: e.target.value as Strategy })}>
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {STRATEGY_LABELS[s]}
            </option>
          ))}
        </select>
      </FormField>
      <fieldset className="constraints">
        <legend>Score weights (0–100)</legend>
        <div className="weights-grid">
          {WEIGHT_KEYS.map((key) => (
            <WeightInput key={key} name={key} text={text.weights[key]} problem={problem(key)} onChange={(value) => edit({ weights: { ...text.weights, [key]: value } })} />
          ))}
        </div>
        {problem('weightsAll') && (
          <p className="field-error" data-testid="rs-weights-error">
            {problem('weightsAll')}
          </p>
        )}
      </fieldset>
      <div className="field-row">
        <NumberFields idPrefix="rs" fields={PLAIN} values={text} problem={problem} onChange={(field, value) => edit({ [field]: value })} />
      </div>
      <FormFooter
        failure={failure}
        done={done && !dirty && 'Saved. The next routing decision uses these settings.'}
        busy={busy}
        disabled={!settings || !dirty}
        label="Save settings"
        busyLabel="Saving…"
        testIds={{ error: 'rs-error', done: 'rs-saved', submit: 'rs-save' }}
      >
        <button type="button" className="button" disabled={!dirty || busy} onClick={() => setText(settingsTextOf(saved))} data-testid="rs-revert">
          Revert
        </button>
      </FormFooter>
    </form>
  );
}
