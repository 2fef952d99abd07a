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
      <p className="onboarding-lead">
        Find the right AI model for each job and pay only for what you use: browse models by task, compare their price with
        their measured quality, and let the router send each prompt to the best value. Every charge lands in a ledger you can
        check.
      </p>
      <div className="onboarding-options">
        <section className="card">
          <h2>Try it with the demo</h2>
          <p>
            64 models from 11 producers, with prices and a balance to spend, all on this computer. Then route your first prompt
            and see which model answers, what it cost and why.
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
          {opening && (
            <div className="onboarding-progress" role="status" data-testid="open-demo-progress">
              <progress aria-label="Creating the demo marketplace" />
              <span className="muted">Creating and signing the demo's producers, models, prices and history — a few seconds.</span>
            </div>
          )}
          {failure && (
            <p className="field-error" role="alert" data-testid="open-demo-error">
              {failure.message} <code>{failure.code}</code>
            </p>
          )}
        </section>
        <section className="card">
          <h2>Create a new marketplace</h2>
          <p className="muted">
            For running your own: you set its fee and how often rewards are paid; this computer holds its treasury key.
          </p>
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
