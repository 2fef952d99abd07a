import type { FormEvent } from 'react';
import type { AppError } from '../../../../src-shared/errors';
import { referenceCallCost, type Price } from '../../../../src-shared/money';
import { REFERENCE_CALL_TOOLTIP } from '../../format/metrics';
import { formatMoney } from '../../format/numbers';
import { FormFooter } from '../../shell/FormFooter';
import { TextField } from '../../shell/TextField';
import type { PriceField, PriceText } from './price-form';

const FIELDS: Array<{ field: Exclude<PriceField, 'effectiveFrom'>; label: string }> = [
  { field: 'inputPer1M', label: 'Input per 1M tokens' },
  { field: 'outputPer1M', label: 'Output per 1M tokens' },
  { field: 'perRequest', label: 'Per request' },
];

/** The three price components in credits and an optional start; the market view beside it follows as you type. */
export function PriceEditor({
  text,
  onChange,
  problems,
  candidate,
  onSave,
  busy,
  failure,
  saved,
}: {
  text: PriceText;
  onChange(patch: Partial<PriceText>): void;
  problems: Partial<Record<PriceField, string>>;
  candidate: Price | null;
  onSave(): void;
  busy: boolean;
  failure: AppError | null;
  saved: string | null;
}) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave();
  }
  return (
    <form className="card form-section price-editor" data-testid="price-editor" onSubmit={submit} noValidate>
      <h2>New price</h2>
      {FIELDS.map(({ field, label }) => (
        <TextField
          key={field}
          id={`price-${field}`}
          label={label}
          unit="cr"
          problem={problems[field]}
          inputMode="decimal"
          value={text[field]}
          onChange={(value) => onChange({ [field]: value })}
        />
      ))}
      <TextField
        id="price-effectiveFrom"
        label="Effective from"
        hint="Empty: from now. A later time schedules the change; users pay the price in force when they call."
        problem={problems.effectiveFrom}
        type="datetime-local"
        value={text.effectiveFrom}
        onChange={(value) => onChange({ effectiveFrom: value })}
      />
      <p className="price-preview" title={REFERENCE_CALL_TOOLTIP} data-testid="price-candidate-cost">
        Reference call at this price: <strong>{candidate ? formatMoney(referenceCallCost(candidate)) : '—'}</strong>
      </p>
      <FormFooter failure={failure} done={saved} busy={busy} label="Save price" busyLabel="Signing…" testIds={{ error: 'price-error', done: 'price-saved', submit: 'price-save' }} />
    </form>
  );
}
