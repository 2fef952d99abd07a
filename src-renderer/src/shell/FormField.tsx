import type { ReactNode } from 'react';

/**
 * One labelled control with its hint, replaced by the problem when there is one. The control
 * itself is passed in, so each form keeps its own inputs (text, select, textarea).
 */
export function FormField({
  id,
  label,
  hint,
  problem,
  unit,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  unit?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-input">
        {children}
        {unit && <span className="unit">{unit}</span>}
      </div>
      {(problem || hint) && (
        <p id={`${id}-help`} className={problem ? 'field-error' : 'field-hint'} data-testid={problem ? `${id}-error` : undefined}>
          {problem || hint}
        </p>
      )}
    </div>
  );
}
