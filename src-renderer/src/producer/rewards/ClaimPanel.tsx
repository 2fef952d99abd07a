import type { EpochSummary } from '../../../../src-shared/rewards';
import { formatMoney } from '../../format/numbers';
import { formatDateTime } from '../../format/time';
import { FormError } from '../../shell/FormError';
import type { ClaimOutcome } from './useClaim';

/** The local producer's reward for one epoch: what it can do with it now, and the last claim's outcome. */
export function ClaimPanel({ summary, busy, outcome, onClaim }: { summary: EpochSummary; busy: boolean; outcome: ClaimOutcome | null; onClaim(): void }) {
  const { mine } = summary;
  const own = summary.claims.filter((c) => c.mine);
  const shown = outcome?.epoch === summary.epoch ? outcome : null;
  return (
    <div className="claim-panel" data-testid="claim-panel" data-state={mine.state}>
      <p className="big-figure" data-testid="my-reward" data-micro={mine.amount}>
        {formatMoney(mine.amount)}
      </p>
      {mine.state === 'claimable' && (
        <>
          <p>Final and not claimed yet. Claiming signs a reward claim with this amount and the epoch’s result hash; every peer counts it only if it recomputes the same.</p>
          <button type="button" className="button button-primary" data-testid="claim-button" disabled={busy} onClick={onClaim}>
            {busy ? 'Signing…' : `Claim ${formatMoney(mine.amount)}`}
          </button>
        </>
      )}
      {mine.state === 'claimed' && (
        <p data-testid="claim-done">
          ✓ Claimed: moved from <code>pool:rewards</code> to your producer account.
        </p>
      )}
      {mine.state === 'not-final' && <p data-testid="claim-not-final">Provisional: claimable from {formatDateTime(summary.finalAt)}, when the grace period ends.</p>}
      {mine.state === 'nothing' && <p data-testid="claim-nothing">Nothing to claim in this epoch.</p>}
      {mine.why.length > 0 && (
        <ul className="plain-list" data-testid="my-why">
          {mine.why.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {own.length > 0 && (
        <ul className="plain-list claim-list" data-testid="my-claims">
          {own.map((c) => (
            <li key={c.hash} data-testid="my-claim" data-status={c.status}>
              {formatMoney(c.amount)} · {c.status}
              {c.reason ? ` (${c.reason})` : ''} · signed {formatDateTime(c.ts)} ·{' '}
              <code className="hash" title={c.hash}>
                {c.hash.slice(0, 12)}…
              </code>
            </li>
          ))}
        </ul>
      )}
      {shown?.result && (
        <p className="form-success" role="status" data-testid="claim-success">
          Claimed {formatMoney(shown.result.claim.amount)} for epoch #{shown.epoch}. Your producer balance is now {formatMoney(shown.result.balance)}.
        </p>
      )}
      {shown?.error && <FormError error={shown.error} testId="claim-error" />}
    </div>
  );
}
