import { useMemo } from 'react';
import { useCommand } from '../client/useCommand';
import { useProducerKey } from '../shell/HealthContext';
import { InlineError } from '../shell/InlineError';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { newestFinal, REWARD_EVENTS } from './epochs';
import { EpochPicker, StatusBadge } from './EpochPicker';
import { ignoredLines } from './explain';
import { FormulaCard } from './FormulaCard';
import { formatMicro } from './format';
import { PoolCard } from './PoolCard';
import { splitCheck } from './split-check';
import { SplitTable } from './SplitTable';

const BACK_LABEL = { leaderboard: '← Leaderboard', rewards: '← Rewards' } as const;

/**
 * How one epoch's pool was split, with its real inputs: the formula and the parameters in force,
 * the fees and carried remainders, every producer's score inputs and integer amount, and the
 * page's own check that the amounts and the carried remainder add up to the pool exactly.
 */
export function TransparencyScreen() {
  const { epoch, from } = useUiStore((s) => s.rewards);
  const setRewardsView = useUiStore((s) => s.setRewardsView);
  const showScreen = useUiStore((s) => s.showScreen);
  const me = useProducerKey();
  const epochs = useCommand('rewards.epochs', {}, REWARD_EVENTS);
  const chosen = epoch ?? (epochs.data ? newestFinal(epochs.data.epochs) : null);
  const computation = useCommand('rewards.compute', chosen === null ? null : { epoch: chosen }, REWARD_EVENTS);
  const check = useMemo(() => (computation.data ? splitCheck(computation.data) : null), [computation.data]);
  const summary = epochs.data?.epochs.find((e) => e.epoch === chosen);

  let body;
  if (epochs.data && chosen === null) {
    body = (
      <EmptyState title="No epoch has been computed yet." testId="transparency-empty">
        <p className="muted">An epoch appears once a call is charged in it; its pool is the marketplace fee of those calls.</p>
      </EmptyState>
    );
  } else if (!computation.data || !check) {
    const error = computation.error ?? epochs.error;
    body = error && !computation.loading && !epochs.loading ? <ErrorState error={error} onRetry={computation.reload} testId="transparency-error" /> : <LoadingState label="Recomputing the epoch…" />;
  } else {
    const c = computation.data;
    const ignored = ignoredLines(c.ignored);
    body = (
      <div className="rewards-stack">
        {!c.summary.final && (
          <p className="banner" data-testid="transparency-provisional">
            Epoch #{c.summary.epoch} is not final yet: this split is provisional until records can no longer arrive.
          </p>
        )}
        <div className="transparency-grid">
          <PoolCard c={c} check={check} pool={epochs.data?.pool} />
          <FormulaCard c={c} />
        </div>
        <section className="card" aria-label="Split per producer">
          <h2>Split per producer</h2>
          <p className="muted">
            D = {formatMicro(check.distributable)} shared by score; each amount rounds down and the remainder carries to the next epoch. Open a
            producer to see its models’ inputs.
          </p>
          {c.producers.length === 0 ? <p data-testid="split-none">No model was charged in this epoch: everything carries.</p> : <SplitTable c={c} check={check} me={me} />}
        </section>
        <section className="card" aria-label="Excluded records">
          <h2>Left out of every score</h2>
          {ignored.length === 0 ? (
            <p className="muted" data-testid="ignored-none">
              Nothing: no producer’s own calls or signals, no unpaid, late or uncertified records in this epoch.
            </p>
          ) : (
            <ul className="plain-list" data-testid="ignored-lines">
              {ignored.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </section>
        {computation.error && <InlineError error={computation.error} onRetry={computation.reload} testId="transparency-refresh-error" prefix="Could not refresh" />}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="transparency" aria-label="Transparency">
      <div className="toolbar">
        <button type="button" className="button button-small" data-testid="transparency-back" onClick={() => showScreen(from)}>
          {BACK_LABEL[from]}
        </button>
        <h1 className="screen-title">Transparency</h1>
        {epochs.data && <EpochPicker epochs={epochs.data.epochs} now={epochs.data.now} value={chosen} onChange={(e) => setRewardsView({ epoch: e })} testId="transparency-epoch" />}
        {summary && epochs.data && <StatusBadge e={summary} now={epochs.data.now} />}
      </div>
      <div className="screen-scroll">{body}</div>
    </section>
  );
}
