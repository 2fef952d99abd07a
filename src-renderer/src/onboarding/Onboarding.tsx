import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { CreateMarketplaceForm } from './CreateMarketplaceForm';
import { JoinMarketplaceForm } from './JoinMarketplaceForm';

/**
 * First start: the data folder holds no marketplace yet. Open the demo, create a marketplace (this
 * identity holds its treasury), or join another peer's with an invite.
 */
export function Onboarding({ onReady }: { onReady(): void }) {
  const client = useClient();
  const [opening, setOpening] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function openDemo() {
    setOpening(true);
    setFailure(null);
    try {
      await client.call('marketplace.openDemo', {});
      onReady();
    } catch (error) {
      setFailure(asAppError(error));
      setOpening(false);
    }
  }

  return (
    <div className="onboarding" data-testid="onboarding">
      <h1>Welcome to InfiniRoute</h1>
      <p className="muted">
        This data folder has no marketplace yet. A marketplace fixes its fee, epoch length and grace period in a record
        signed by its treasury key, so every peer computes the same money.
      </p>
      <div className="onboarding-options">
        <section className="card">
          <h2>Open the demo marketplace</h2>
          <p>
            Fills this data folder with demo producers, models and prices, all properly signed. This identity holds the
            demo treasury, so you can try everything locally.
          </p>
          <button
            type="button"
            className="button button-primary"
            data-testid="open-demo"
            disabled={opening}
            onClick={() => void openDemo()}
          >
            {opening ? 'Opening…' : 'Open the demo marketplace'}
          </button>
          {failure && (
            <p className="field-error" role="alert" data-testid="open-demo-error">
              {failure.message} <code>{failure.code}</code>
            </p>
          )}
        </section>
        <section className="card">
          <h2>Create a new marketplace</h2>
          <CreateMarketplaceForm onCreated={onReady} />
        </section>
        <section className="card" aria-label="Join a marketplace">
          <h2>Join a marketplace</h2>
          <p>
            Paste an invite from a peer of an existing marketplace. Its catalog, prices and ledger arrive by sync; every record is
            checked before it counts.
          </p>
          <JoinMarketplaceForm onJoined={onReady} />
        </section>
      </div>
    </div>
  );
}
