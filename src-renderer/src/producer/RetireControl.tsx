import { useState } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';

/**
 * Retiring is signed and final for routing, so it asks first, in the page (a native confirm()
 * dialog would block the renderer and cannot be styled or tested).
 */
export function RetireControl({ item }: { item: CatalogItem }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  if (item.retired) return null;

  async function retire() {
    setBusy(true);
    setFailure(null);
    try {
      await client.call('models.retire', { modelId: item.id });
      setConfirming(false);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} data-testid="retire">
        Retire
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={`Retire ${item.name}?`} data-testid="retire-confirm">
      <p>
        Retire <strong>{item.name}</strong>? It stays in the history but is no longer listed or routed to. This is signed with your key.
      </p>
      {failure && (
        <p className="field-error" role="alert" data-testid="retire-error">
          {failure.message} <code>{failure.code}</code>
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
          Keep it
        </button>
        <button type="button" className="button button-small button-danger" onClick={() => void retire()} disabled={busy} data-testid="retire-confirm-button">
          {busy ? 'Retiring…' : 'Retire model'}
        </button>
      </div>
    </div>
  );
}
