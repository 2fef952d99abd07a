import type { SyncProgress } from '../../../src-shared/sync';
import { progressPercent, progressText } from './sync-view';
import { useSyncProgress } from './useSyncStatus';

/** A running sync (a large first sync takes seconds): documents fetched and received records verified. */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const percent = progressPercent(progress);
  return (
    <div className="sync-progress" data-testid="sync-progress" data-active={progress.active}>
      <div className="progress-track" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span className="progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <p className="muted" data-testid="sync-progress-text">
        {progress.active ? `Syncing: ${percent} % · ` : 'Up to date · '}
        {progressText(progress)}
      </p>
    </div>
  );
}

/**
 * The Network screen's sync card, once a sync has run. It follows sync.progress itself, so the ten
 * progress events a second of a first sync re-render this card only, not the screen around it.
 */
export function SyncProgressCard({ fromStatus }: { fromStatus: SyncProgress | undefined }) {
  const progress = useSyncProgress(fromStatus);
  if (!progress || (!progress.active && progress.recordsReceived === 0)) return null;
  return (
    <section className="card" aria-label="Sync progress">
      <h2>Sync</h2>
      <SyncProgressBar progress={progress} />
    </section>
  );
}
