import type { CommandOutput } from '../../../src-shared/contract';
import { formatBpsPercent, formatCount, formatMs, shortKey } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { SourceBadge } from '../shell/SourceBadge';

export type Report = CommandOutput<'evals.reports'>[number];

/**
 * Signed evaluation reports of a model, newest first: "measured" when someone other than its
 * producer ran them, "claimed" when the producer did; a measured one that does not count (yet) says
 * why on hover. Three columns, so it fits the model panel.
 */
export function EvalReports({ reports, me }: { reports: readonly Report[]; me: string | null }) {
  const sorted = [...reports].sort((a, b) => b.ts - a.ts);
  return (
    <table className="data-table compact" data-testid="eval-reports">
      <thead>
        <tr>
          <th>Task</th>
          <th>Result</th>
          <th>When · by</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.hash} data-testid="eval-report" data-task={r.task} data-source={r.source} data-standing={r.standing} data-accuracy={r.accuracyBps}>
            <td title={r.suite}>
              {r.task} <SourceBadge source={r.source} />
            </td>
            <td>
              <strong>{formatBpsPercent(r.accuracyBps)}</strong>{' '}
              <span className="muted">
                ({formatCount(r.passed)} / {formatCount(r.cases)} passed{r.latencyP50Ms > 0 ? ` · p50 ${formatMs(r.latencyP50Ms)}` : ''})
              </span>
              {r.standing === 'pending' || r.standing === 'unpaid' || r.standing === 'held' ? (
                <span className="muted" data-testid="eval-standing" title={r.standingReason ?? undefined}>
                  {' '}
                  · not counted ({r.standing})
                </span>
              ) : null}
            </td>
            <td className="muted">
              {formatDateTime(r.ts)} · <span title={r.evaluator}>{r.evaluator === me ? 'you' : shortKey(r.evaluator)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
