import type { CommandOutput } from '../../../../src-shared/contract';
import { useCommand, type CommandState } from '../../client/useCommand';
import { formatMoney, formatPlural } from '../../format/numbers';
import { producerAccount } from '../../ledger/accounts';
import { producerDefaultEpoch, REWARD_EVENTS } from '../../rewards/epochs';
import { InlineError } from '../../shell/InlineError';
import { EmptyState, ErrorState, LoadingState } from '../../shell/StatusViews';
import { useUiStore } from '../../state/ui-store';
import { EpochDetail } from './EpochDetail';
import { EpochTable } from './EpochTable';
import { PricingPower } from './PricingPower';
import { useClaim } from './useClaim';

type Epochs = CommandOutput<'rewards.epochs'>;

/** Where the producer's rewards stand: its account, what it claimed, what waits to be claimed, the pool. */
function RewardTotals({ epochs, balance }: { epochs: Epochs; balance: CommandState<CommandOutput<'ledger.balance'>> }) {
  const claimed = epochs.epochs.filter((e) => e.mine.state === 'claimed');
  const claimable = epochs.epochs.filter((e) => e.mine.state === 'claimable');
  const sum = (list: typeof claimed) => list.reduce((s, e) => s + e.mine.amount, 0);
  return (
    <section className="card rewards-totals" aria-label="Your rewards">
      <h2>Producer account</h2>
      {balance.data ? (
        <p className="big-figure" data-testid="rewards-balance" data-micro={balance.data.balance}>
          {formatMoney(balance.data.balance)}
        </p>
      ) : balance.error && !balance.loading ? (
        <InlineError error={balance.error} onRetry={balance.reload} testId="rewards-balance-error" prefix="Balance unavailable" />
      ) : (
        <p className="muted">Reading the ledger…</p>
      )}
      <dl className="detail-grid">
        <dt>Rewards claimed</dt>
        <dd data-testid="rewards-claimed" data-micro={sum(claimed)}>
          {formatMoney(sum(claimed))} over {formatPlural(claimed.length, 'epoch')}
        </dd>
        <dt>Claimable now</dt>
        <dd data-testid="rewards-claimable" data-micro={sum(claimable)}>
          {formatMoney(sum(claimable))} in {formatPlural(claimable.length, 'epoch')}
        </dd>
        <dt>Reward pool</dt>
        <dd data-testid="rewards-pool" data-micro={epochs.pool.balance}>
          {formatMoney(epochs.pool.balance)} in <code>pool:rewards</code>, of which {formatMoney(epochs.pool.unclaimed)} is computed but unclaimed
        </dd>
      </dl>
    </section>
  );
}

/**
 * The producer's Rewards tab: every incentive epoch with what the producer earned, the selected
 * epoch's score parts per model with the reasons behind them, the Claim button for final epochs,
 * and the pricing-power projection.
 */
export function RewardsScreen({ producerKey }: { producerKey: string }) {
  const epoch = useUiStore((s) => s.rewards.epoch);
  const setRewardsView = useUiStore((s) => s.setRewardsView);
  const openTransparency = useUiStore((s) => s.openTransparency);
  const epochs = useCommand('rewards.epochs', {}, REWARD_EVENTS);
  const balance = useCommand('ledger.balance', { account: producerAccount(producerKey) }, ['ledger.changed', 'rewards.changed']);
  const { busy, outcome, claim } = useClaim(() => {
    epochs.reload();
    balance.reload();
  });
  const list = epochs.data?.epochs ?? [];
  const selected = epoch !== null && list.some((e) => e.epoch === epoch) ? epoch : producerDefaultEpoch(list);
  const summary = list.find((e) => e.epoch === selected);
  const claimEpoch = (e: number) => {
    setRewardsView({ epoch: e });
    void claim(e);
  };

  let body;
  if (!epochs.data) {
    body = epochs.error && !epochs.loading ? <ErrorState error={epochs.error} onRetry={epochs.reload} testId="rewards-error" /> : <LoadingState label="Computing the epochs…" />;
  } else if (list.length === 0) {
    body = (
      <EmptyState title="No epoch has any charge yet." testId="rewards-empty">
        <p className="muted">The marketplace fee of every call flows into the reward pool; each epoch it is split among producers by measured performance and paying users.</p>
      </EmptyState>
    );
  } else {
    body = (
      <div className="rewards-grid">
        <div className="rewards-stack">
          <RewardTotals epochs={epochs.data} balance={balance} />
          <section className="card" aria-label="Epochs">
            <h2>Epochs</h2>
            <EpochTable epochs={list} now={epochs.data.now} selected={selected} busy={busy} onSelect={(e) => setRewardsView({ epoch: e })} onClaim={claimEpoch} />
          </section>
          <PricingPower producerKey={producerKey} />
        </div>
        {summary && <EpochDetail key={summary.epoch} summary={summary} me={producerKey} busy={busy === summary.epoch} outcome={outcome} onClaim={() => claimEpoch(summary.epoch)} />}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="rewards" aria-label="Rewards">
      <div className="toolbar">
        <h1 className="screen-title">Rewards</h1>
        <span className="muted">The reward pool split by measured performance and paying users, epoch by epoch.</span>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" data-testid="rewards-formula" onClick={() => openTransparency(selected)}>
          Formula and full split
        </button>
      </div>
      <div className="screen-scroll">{body}</div>
    </section>
  );
}
