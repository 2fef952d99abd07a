import { useState, type ReactNode } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { asAppError } from '../client/errors';

/**
 * A signed, final action that asks first, in the page (a native confirm() dialog would block the
 * renderer and cannot be styled or tested). A refusal stays in the question with the engine's code;
 * success closes it, and the screen shows the new state from its own data.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  busyLabel,
  question,
  title,
  action,
  testId,
  triggerTestId = testId,
}: {
  /** The button that opens the question. */
  label: string;
  /** The button that confirms. */
  confirmLabel: string;
  busyLabel: string;
  question: ReactNode;
  /** The question in words, for assistive technology. */
  title: string;
  action(): Promise<unknown>;
  /** `${testId}-confirm`, `${testId}-error` and `${testId}-confirm-button` name the question's parts. */
  testId: string;
  triggerTestId?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setConfirming(false);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} data-testid={triggerTestId}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={title} data-testid={`${testId}-confirm`}>
      <p>{question}</p>
      {failure && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {failure.message} <code>{failure.code}</code>
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
          Keep it
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => void confirm()} disabled={busy} data-testid={`${testId}-confirm-button`}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </div>
  );
}
