import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { nameProblem, parseEpochDays, parseGraceHours, parsePercentToBps } from './parse';

type Field = 'name' | 'fee' | 'epoch' | 'grace';
type Values = Record<Field, string>;

const DEFAULTS: Values = { name: '', fee: '5', epoch: '7', grace: '24' };

function problems(values: Values): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  const name = nameProblem(values.name);
  if (name) found.name = name;
  const fee = parsePercentToBps(values.fee);
  if (!fee.ok) found.fee = fee.message;
  const epoch = parseEpochDays(values.epoch);
  if (!epoch.ok) found.epoch = epoch.message;
  const grace = parseGraceHours(values.grace);
  if (!grace.ok) found.grace = grace.message;
  return found;
}

const FIELDS: { field: Field; label: string; unit?: string; hint: string }[] = [
  { field: 'name', label: 'Name', hint: 'Shown to everyone who joins.' },
  { field: 'fee', label: 'Fee', unit: '%', hint: 'Taken out of each call’s price and paid into the rewards pool.' },
  { field: 'epoch', label: 'Epoch length', unit: 'days', hint: 'How often rewards are settled.' },
  { field: 'grace', label: 'Grace period', unit: 'hours', hint: 'How long late records still count after an epoch closes.' },
];

/** Creates a marketplace whose treasury is this identity; fee, epoch and grace are fixed at signing. */
export function CreateMarketplaceForm({ onCreated }: { onCreated(): void }) {
  const client = useClient();
  const [values, setValues] = useState<Values>(DEFAULTS);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const found = problems(values);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const fee = parsePercentToBps(values.fee);
    const epoch = parseEpochDays(values.epoch);
    const grace = parseGraceHours(values.grace);
    if (nameProblem(values.name) || !fee.ok || !epoch.ok || !grace.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.call('marketplace.create', {
        name: values.name.trim(),
        feeBps: fee.value,
        epochSeconds: epoch.value,
        graceSeconds: grace.value,
      });
      onCreated();
    } catch (error) {
      setFailure(asAppError(error));
      setBusy(false);
    }
  }

  return (
    <form className="form" data-testid="create-marketplace" onSubmit={(event) => void submit(event)} noValidate>
      {FIELDS.map(({ field, label, unit, hint }) => {
        const message = (touched[field] || submitted) && found[field];
        const id = `marketplace-${field}`;
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{label}</label>
            <div className="field-input">
              <input
                id={id}
                data-testid={id}
                inputMode={field === 'name' ? 'text' : 'decimal'}
                value={values[field]}
                aria-invalid={Boolean(message)}
                aria-describedby={`${id}-help`}
                onChange={(event) => setValues({ ...values, [field]: event.target.value })}
                onBlur={() => setTouched({ ...touched, [field]: true })}
              />
              {unit && <span className="unit">{unit}</span>}
            </div>
            <p id={`${id}-help`} className={message ? 'field-error' : 'field-hint'} data-testid={message ? `${id}-error` : undefined}>
              {message || hint}
            </p>
          </div>
        );
      })}
      {failure && (
        <p className="field-error" role="alert" data-testid="create-error">
          {failure.message} <code>{failure.code}</code>
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="create-submit">
        {busy ? 'Creating…' : 'Create marketplace'}
      </button>
    </form>
  );
}
