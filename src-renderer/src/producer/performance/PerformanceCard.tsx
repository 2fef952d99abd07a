import { formatBpsPercent, formatCount, formatMs } from '../../format/numbers';
import { formatStars, formatStarsDelta, reviewCount } from '../../format/rating';
import { formatDateTime } from '../../format/time';
import { FeedbackCounts } from '../../reviews/ReviewSummaryPanel';
import { SourceBadge } from '../../shell/SourceBadge';
import { Stars } from '../../shell/Stars';
import type { ModelRow, TaskRow } from './performance';

function Rating({ row }: { row: TaskRow }) {
  const s = row.summary;
  if (!s || s.averageX100 === null) return <span className="muted">no counted review</span>;
  return (
    <span title={reviewCount(s.count, s.verified)}>
      <strong>{formatStars(s.averageX100)}</strong> <span className="muted">· {reviewCount(s.count, s.verified)}</span>
    </span>
  );
}

function Trend({ row }: { row: TaskRow }) {
  const t = row.summary?.trend;
  if (!t || t.last30X100 === null) return <span className="muted">—</span>;
  if (t.previous30X100 === null) return <span>{formatStars(t.last30X100)}</span>;
  const delta = t.last30X100 - t.previous30X100;
  return (
    <span title={`previous 30 days ${formatStars(t.previous30X100)}`}>
      {formatStars(t.last30X100)} <span className={delta >= 0 ? 'trend-up' : 'trend-down'}>({formatStarsDelta(delta)})</span>
    </span>
  );
}

function Evaluation({ row }: { row: TaskRow }) {
  const e = row.evaluation;
  if (!e) return <span className="muted">never evaluated</span>;
  return (
    <span title={`${e.suite} · ${formatCount(row.evaluations)} report(s) in all`}>
      {formatCount(e.passed)}/{formatCount(e.cases)} · {formatBpsPercent(e.accuracyBps)} <SourceBadge source={e.source} /> <span className="muted">{formatDateTime(e.ts)}</span>
    </span>
  );
}

/** One model: speed and reliability with their sources, then each task's accuracy, evaluations, ratings and feedback, and what to improve. */
export function PerformanceCard({ row }: { row: ModelRow }) {
  const hints = [...row.hints, ...row.tasks.flatMap((t) => t.hints)];
  const average = row.overall.averageX100;
  return (
    <section className="card performance-card" data-testid="performance-model" data-model-id={row.id} aria-label={row.name}>
      <div className="card-header">
        <h2>
          {row.name} {row.retired && <span className="badge badge-retired">retired</span>}
        </h2>
        <span className="performance-overall">
          {average !== null && <Stars ratingX100={average} label={`${formatStars(average)} of 5 stars`} />}
          <span className="muted">{average === null ? 'no rating yet' : `${formatStars(average)} · ${reviewCount(row.overall.count, row.overall.verified)}`}</span>
          <FeedbackCounts feedback={row.overall.feedback} />
        </span>
      </div>
      <p className="performance-metrics" data-testid="performance-metrics">
        Latency p50 <strong data-testid="perf-p50">{formatMs(row.latencyP50.value)}</strong> <SourceBadge source={row.latencyP50.source} /> · p95{' '}
        <strong data-testid="perf-p95">{formatMs(row.latencyP95.value)}</strong> <SourceBadge source={row.latencyP95.source} /> · success{' '}
        <strong data-testid="perf-success">{formatBpsPercent(row.success.value)}</strong> <SourceBadge source={row.success.source} />
      </p>
      <table className="data-table compact" data-testid="performance-tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>Accuracy</th>
            <th>Latest evaluation</th>
            <th>Rating</th>
            <th>Last 30 days</th>
            <th>Feedback</th>
          </tr>
        </thead>
        <tbody>
          {row.tasks.map((t) => (
            <tr key={t.task} data-testid="performance-task" data-task={t.task}>
              <td>{t.task}</td>
              <td>{t.accuracy ? <>{formatBpsPercent(t.accuracy.value)} <SourceBadge source={t.accuracy.source} /></> : <span className="muted">—</span>}</td>
              <td>
                <Evaluation row={t} />
              </td>
              <td>
                <Rating row={t} />
              </td>
              <td className="nowrap">
                <Trend row={t} />
              </td>
              <td>{t.summary ? <FeedbackCounts feedback={t.summary.feedback} /> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hints.length > 0 ? (
        <div className="performance-hints">
          <h3>To improve</h3>
          <ul className="plain-list" data-testid="performance-hints">
            {hints.map((hint) => (
              <li key={hint} data-testid="performance-hint">
                {hint}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted" data-testid="performance-no-hints">
          Nothing stands out: figures are measured and users are satisfied.
        </p>
      )}
    </section>
  );
}
