import type { AppError } from '../../../src-shared/errors';
import { formatCount } from '../format/numbers';
import { useUiStore } from '../state/ui-store';
import { Attempts, attemptsOf } from './Attempts';
import { modelSlug } from '../ledger/accounts';
import { constraintFix, constraintLabel } from './labels';

interface NoRouteDetails {
  constraint?: unknown;
  excluded?: unknown;
  considered?: unknown;
}

/** NO_ROUTE names the constraint that removed the last candidates (error.details.constraint). */
function NoRoute({ error }: { error: AppError }) {
  const details = (error.details ?? {}) as NoRouteDetails;
  const constraint = typeof details.constraint === 'string' ? details.constraint : null;
  const excluded = typeof details.excluded === 'object' && details.excluded !== null ? Object.entries(details.excluded as Record<string, number>) : [];
  const considered = typeof details.considered === 'number' ? details.considered : null;
  return (
    <div className="route-error" role="alert" data-testid="no-route" data-constraint={constraint ?? ''}>
      <p>
        <strong>No model meets the constraints.</strong>{' '}
        {constraint ? (
          <>
            <span data-testid="no-route-constraint">
              {constraintLabel(constraint)} (<code>{constraint}</code>)
            </span>{' '}
            removed the last candidates{considered !== null ? ` of ${formatCount(considered)} considered` : ''}.
          </>
        ) : (
          error.message
        )}
      </p>
      {constraint && constraintFix(constraint) && <p>{constraintFix(constraint)}</p>}
      {excluded.length > 0 && (
        <p className="muted">
          Excluded: {excluded.map(([name, count]) => `${constraintLabel(name)} ${formatCount(count)}`).join(' · ')}
        </p>
      )}
    </div>
  );
}

/** Why a plan or a call failed, with the way out when there is one. */
export function RouteError({ error, testId = 'route-error' }: { error: AppError; testId?: string }) {
  const showScreen = useUiStore((s) => s.showScreen);
  if (error.code === 'NO_ROUTE') return <NoRoute error={error} />;
  return (
    <div className="route-error" role="alert" data-testid={testId} data-code={error.code}>
      <p>
        {error.message} <code>{error.code}</code>
      </p>
      {error.code === 'PROVIDER_FAILED' && (
        <>
          <p>Every candidate failed. Nothing was charged.</p>
          {attemptsOf(error.details).length > 0 && <Attempts attempts={attemptsOf(error.details)} nameOf={modelSlug} />}
        </>
      )}
      {error.code === 'INSUFFICIENT_FUNDS' && (
        <button type="button" className="button button-small" onClick={() => showScreen('wallet')}>
          Open the Wallet
        </button>
      )}
    </div>
  );
}
