import { TextField } from './TextField';

export interface NumberFieldSpec<F extends string> {
  field: F;
  label: string;
  unit?: string;
  hint?: string;
  placeholder?: string;
}

/** Decimal fields laid out from a table of specs; each id (and test id) is `${idPrefix}-${field}`. */
export function NumberFields<F extends string>({
  idPrefix,
  fields,
  values,
  problem,
  onChange,
}: {
  idPrefix: string;
  fields: ReadonlyArray<NumberFieldSpec<F>>;
  // F comes from the specs alone: values and problems may cover more fields than these.
  values: Record<NoInfer<F>, string>;
  problem(field: NoInfer<F>): string | undefined;
  onChange(field: F, value: string): void;
}) {
  return fields.map(({ field, label, unit, hint, placeholder }) => (
    <TextField
      key={field}
      id={`${idPrefix}-${field}`}
      label={label}
      unit={unit}
      hint={hint}
      problem={problem(field)}
      inputMode="decimal"
      placeholder={placeholder}
      value={values[field]}
      onChange={(value) => onChange(field, value)}
    />
  ));
}
