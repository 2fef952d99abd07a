import { KNOWN_TASKS } from '../../../src-shared/domain';
import { useCommand } from '../client/useCommand';
import { UserModelDetail } from '../model/UserModelDetail';
import { InlineError } from '../shell/InlineError';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { epochLabel, REWARD_EVENTS } from './epochs';
import { EpochPicker, StatusBadge } from './EpochPicker';
import { LeaderboardProducers, LeaderboardTable } from './LeaderboardTable';

/**
 * Models of a task ranked by their incentive score in one epoch (rewards.leaderboard): the parts
 * every peer computes from signed records, and what their producers earned. The epoch defaults to
 * the newest final one; a model opens its model page beside the table, as in the catalog.
 */
export function LeaderboardScreen() {
  const { task, epoch } = useUiStore((s) => s.rewards);
  const setRewardsView = useUiStore((s) => s.setRewardsView);
  const openTransparency = useUiStore((s) => s.openTransparency);
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const epochs = useCommand('rewards.epochs', {}, REWARD_EVENTS);
  const board = useCommand('rewards.leaderboard', { task, ...(epoch !== null ? { epoch } : {}) }, REWARD_EVENTS);
  const known: readonly string[] = KNOWN_TASKS;
  const tasks = known.includes(task) ? known : [task, ...known];
  const shown = board.data?.epoch ?? null;
  const summary = epochs.data?.epochs.find((e) => e.epoch === shown);

  let body;
  if (!board.data || !epochs.data) {
    const error = board.error ?? epochs.error;
    const retry = () => {
      board.reload();
      epochs.reload();
    };
    body = error && !board.loading && !epochs.loading ? <ErrorState error={error} onRetry={retry} testId="leaderboard-error" /> : <LoadingState label="Computing the epoch…" />;
  } else if (board.data.models.length === 0) {
    body = (
      <EmptyState title={shown === null ? 'No epoch has any charge yet.' : `No ${task} model was paid for in epoch #${shown}.`} testId="leaderboard-empty">
        <p className="muted">A model enters the leaderboard of an epoch once someone other than its producer pays for a call to it.</p>
      </EmptyState>
    );
  } else {
    body = (
      <div className="rewards-stack">
        {!board.data.final && (
          <p className="banner" data-testid="leaderboard-provisional">
            Epoch #{shown} is not final yet: records of it may still arrive, so this ranking is provisional.
          </p>
        )}
        <section className="card" aria-label="Models">
          <LeaderboardTable board={board.data} params={epochs.data.params} selectedId={selectedId} onOpen={(id) => selectModel(id)} />
        </section>
        <section className="card" aria-label="Producers">
          <h2>Producers in {task}</h2>
          <LeaderboardProducers board={board.data} />
        </section>
        {board.error && <InlineError error={board.error} onRetry={board.reload} testId="leaderboard-refresh-error" prefix="Could not refresh" />}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="leaderboard" aria-label="Leaderboard">
      <div className="toolbar">
        <h1 className="screen-title">Leaderboard</h1>
        <label className="toolbar-field">
          Task
          <select data-testid="leaderboard-task" value={task} onChange={(event) => setRewardsView({ task: event.target.value })}>
            {tasks.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {epochs.data && <EpochPicker epochs={epochs.data.epochs} now={epochs.data.now} value={shown} onChange={(e) => setRewardsView({ epoch: e })} testId="leaderboard-epoch" />}
        {summary && epochs.data && <StatusBadge e={summary} now={epochs.data.now} />}
        <span className="toolbar-spacer" />
        {shown !== null && summary && (
          <button type="button" className="button" data-testid="open-transparency" onClick={() => openTransparency(shown)} title={`How ${epochLabel(summary)} was split, with every input`}>
            How was epoch #{shown} split?
          </button>
        )}
      </div>
      <div className="split">
        <div className="split-main">
          <div className="screen-scroll">{body}</div>
        </div>
        <UserModelDetail />
      </div>
    </section>
  );
}
