import type { ReactNode } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { FormError } from './FormError';

/**
 * The end of a form that signs or stores something: the engine's refusal with every field it named,
 * the confirmation once done, and the submit button, which says what is happening while busy.
 * Other buttons (children) stand before the submit button.
 */
export function FormFooter({
  failure,
  done,
  busy,
  disabled = false,
  label,
  busyLabel,
  testIds,
  children,
}: {
  failure: AppError | null;
  /** The confirmation; nothing shows while it is empty. */
  done: ReactNode;
  busy: boolean;
  /** Submitting makes no sense yet (e.g. nothing changed); busy disables it anyway. */
  disabled?: boolean;
  label: string;
  busyLabel: string;
  testIds: { error: string; done: string; submit: string };
  children?: ReactNode;
}) {
  return (
    <>
      {failure && <FormError error={failure} testId={testIds.error} />}
      {done ? (
        <p className="form-success" role="status" data-testid={testIds.done}>
          {done}
        </p>
      ) : null}
      <div className="form-actions">
        {children}
        <button type="submit" className="button button-primary" disabled={busy || disabled} data-testid={testIds.submit}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}
