import type { SyncProgress } from '../../../src-shared/sync';
import { progressPercent, progressText } from './sync-view';

/** A running sync (a large first sync takes seconds): documents fetched and received records verified. */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const percent = progressPercent(progress);
  return (
    <div className="sync-progress" data-testid="sync-progress" data-active={progress.active}>
      <div className="progress-track" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" data-testid="sync-progress-text">
        {progress.active ? `Syncing: ${percent} % · ` : 'Up to date · '}
        {progressText(progress)}
      </p>
    </div>
  );
}
