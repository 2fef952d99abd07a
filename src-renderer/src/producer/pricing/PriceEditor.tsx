import type { FormEvent } from 'react';
import type { AppError } from '../../../../src-shared/errors';
import { referenceCallCost, type Price } from '../../../../src-shared/money';
import { REFERENCE_CALL_TOOLTIP } from '../../format/metrics';
import { formatMoney } from '../../format/numbers';
import { FormError } from '../../shell/FormError';
import { FormField } from '../../shell/FormField';
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
        <FormField key={field} id={`price-${field}`} label={label} unit="cr" problem={problems[field]}>
          <input
            id={`price-${field}`}
            data-testid={`price-${field}`}
            inputMode="decimal"
            value={text[field]}
            aria-invalid={Boolean(problems[field])}
            onChange={(event) => onChange({ [field]: event.target.value })}
          />
        </FormField>
      ))}
      <FormField
        id="price-effectiveFrom"
        label="Effective from"
        hint="Empty: from now. A later time schedules the change; users pay the price in force when they call."
        problem={problems.effectiveFrom}
      >
        <input
          id="price-effectiveFrom"
          type="datetime-local"
          data-testid="price-effectiveFrom"
          value={text.effectiveFrom}
          aria-invalid={Boolean(problems.effectiveFrom)}
          onChange={(event) => onChange({ effectiveFrom: event.target.value })}
        />
      </FormField>
      <p className="price-preview" title={REFERENCE_CALL_TOOLTIP} data-testid="price-candidate-cost">
        Reference call at this price: <strong>{candidate ? formatMoney(referenceCallCost(candidate)) : '—'}</strong>
      </p>
      {failure && <FormError error={failure} testId="price-error" />}
      {saved && (
        <p className="form-success" role="status" data-testid="price-saved">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="price-save">
          {busy ? 'Signing…' : 'Save price'}
        </button>
      </div>
    </form>
  );
}
