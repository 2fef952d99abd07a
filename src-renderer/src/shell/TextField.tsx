import type { InputHTMLAttributes } from 'react';
import { FormField } from './FormField';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'aria-invalid'>;

/**
 * A labelled one-line input whose id is also its test id, marked invalid while its problem shows.
 * Other input attributes (inputMode, placeholder, type…) pass through.
 */
export function TextField({
  id,
  label,
  hint,
  problem,
  unit,
  value,
  onChange,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  unit?: string;
  value: string;
  onChange(value: string): void;
} & InputProps) {
  return (
    <FormField id={id} label={label} hint={hint} problem={problem} unit={unit}>
      <input {...input} id={id} data-testid={id} value={value} aria-invalid={Boolean(problem)} onChange={(event) => onChange(event.target.value)} />
    </FormField>
  );
}
