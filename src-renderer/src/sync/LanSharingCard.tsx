import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { SyncStatus } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { FormError } from '../shell/FormError';
import { lanSharingText } from './sync-view';

/**
 * LAN sharing, the user's choice (sync.setLan, saved in the data folder): off, only this computer
 * can reach this peer's sync and nothing is announced; on, any machine on the network can reach it
 * (each must still prove its key) and it announces itself for LAN discovery. The card says what is
 * true now, from sync.status, not what was asked for.
 */
export function LanSharingCard({ status, onChanged }: { status: SyncStatus; onChanged: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const { title, detail } = lanSharingText(status);

  async function toggle() {
    setBusy(true);
    setFailure(null);
    try {
      await client.call('sync.setLan', { on: !status.lanSharing });
      onChanged();
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form-section" data-testid="lan-sharing" data-on={status.lanSharing} aria-label="LAN sharing">
      <h2>LAN sharing</h2>
      <p data-testid="lan-state">
        <strong>{title}</strong> {detail}
      </p>
      <div className="form-actions">
        <button type="button" className={status.lanSharing ? 'button' : 'button button-primary'} disabled={busy} onClick={() => void toggle()} data-testid="lan-toggle">
          {busy ? 'Switching…' : status.lanSharing ? 'Turn LAN sharing off' : 'Turn LAN sharing on'}
        </button>
      </div>
      <p className="muted">Peers you connect to by address, by invite or through a relay sync either way.</p>
      {failure && <FormError error={failure} testId="lan-error" />}
    </section>
  );
}
