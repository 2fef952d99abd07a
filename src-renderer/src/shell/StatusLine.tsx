import type { ReactNode } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { formatPlural, shortKey } from '../format/numbers';
import { SyncIndicator } from '../sync/SyncIndicator';

type Health = CommandOutput<'system.health'>;

export function StatusLine({ health, action }: { health: Health | undefined; action?: ReactNode }) {
  const marketplace = health?.marketplace ?? null;
  return (
    <footer className="status-line" data-testid="status-line">
      <span data-testid="status-marketplace" title={marketplace ? `Marketplace id ${marketplace.id}` : undefined}>
        {health === undefined ? 'Connecting…' : marketplace ? marketplace.name : 'No marketplace open'}
      </span>
      {marketplace?.isTreasury && (
        <span className="badge" title="This identity holds the marketplace treasury key">
          treasury
        </span>
      )}
      {health && (
        <>
          <span className="status-sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="status-identity" title={`Your public key ${health.identity.publicKey}`}>
            Identity <code>{shortKey(health.identity.publicKey)}</code>
          </span>
          {marketplace && (
            <>
              <span className="status-sep" aria-hidden="true">
                ·
              </span>
              <SyncIndicator />
            </>
          )}
          <span className="status-spacer" />
          {action}
          <span className="muted">{formatPlural(health.counts.models, 'model')}</span>
          <span className="muted">engine {health.version}</span>
        </>
      )}
    </footer>
  );
}
