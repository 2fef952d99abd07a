import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';

/** Retracting is signed and public (the review stays in history, no longer shown or counted): ask first, in the page. */
export function RetractButton({ modelId, name }: { modelId: string; name: string }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function retract() {
    setBusy(true);
    setFailure(null);
    try {
      await client.call('reviews.retract', { modelId });
    } catch (error) {
      setFailure(asAppError(error));
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} data-testid="retract-review">
        Retract
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={`Retract your review of ${name}?`} data-testid="retract-confirm">
      <p>
        Retract your review of <strong>{name}</strong>? It stays in the signed history but is no longer shown or counted.
      </p>
      {failure && (
        <p className="field-error" role="alert" data-testid="retract-error">
          {failure.message} <code>{failure.code}</code>
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
          Keep it
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => void retract()} disabled={busy} data-testid="retract-confirm-button">
          {busy ? 'Retracting…' : 'Retract review'}
        </button>
      </div>
    </div>
  );
}
