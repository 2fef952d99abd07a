import type { EpochSummary } from '../../../../src-shared/rewards';
import { formatMoney } from '../../format/numbers';
import { epochLabel, epochUtcRange } from '../../rewards/epochs';
import { StatusBadge } from '../../rewards/EpochPicker';

const STATE_TEXT: Record<EpochSummary['mine']['state'], string> = {
  claimable: 'claimable',
  claimed: 'claimed',
  'not-final': 'provisional',
  nothing: 'nothing earned',
};

/** Every epoch with the pool it split and what the local producer earned, claimable ones with their button. */
export function EpochTable({
  epochs,
  now,
  selected,
  busy,
  onSelect,
  onClaim,
}: {
  epochs: readonly EpochSummary[];
  now: number;
  selected: number | null;
  busy: number | null;
  onSelect(epoch: number): void;
  onClaim(epoch: number): void;
}) {
  return (
    <table className="data-table compact epoch-table" data-testid="epoch-table">
      <thead>
        <tr>
          <th>Epoch</th>
          <th>Status</th>
          <th className="num">Pool (D)</th>
          <th className="num">Your reward</th>
          <th>State</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {epochs.map((e) => (
          <tr key={e.epoch} data-testid="epoch-row" data-epoch={e.epoch} data-state={e.mine.state} aria-selected={e.epoch === selected} className={e.epoch === selected ? 'row-selected' : undefined}>
            <td>
              <button type="button" className="link-button row-link" data-testid="epoch-select" title={epochUtcRange(e)} onClick={() => onSelect(e.epoch)}>
                {epochLabel(e)}
              </button>
            </td>
            <td>
              <StatusBadge e={e} now={now} />
            </td>
            <td className="num">{formatMoney(e.distributable)}</td>
            <td className="num" data-testid="epoch-mine" data-micro={e.mine.amount}>
              {e.mine.amount > 0 ? formatMoney(e.mine.amount) : '—'}
            </td>
            <td data-testid="epoch-state">{STATE_TEXT[e.mine.state]}</td>
            <td>
              {e.mine.state === 'claimable' && (
                <button type="button" className="button button-small button-primary" data-testid="epoch-claim" disabled={busy !== null} onClick={() => onClaim(e.epoch)}>
                  {busy === e.epoch ? 'Signing…' : 'Claim'}
                </button>
              )}
              {e.mine.state === 'claimed' && <span className="badge badge-measured">✓ claimed</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
