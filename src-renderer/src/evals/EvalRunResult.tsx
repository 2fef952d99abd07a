import type { CommandOutput } from '../../../src-shared/contract';
import { formatBpsPercent, formatCount, formatMoney } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';

export type EvalRun = CommandOutput<'evals.run'>;

/**
 * What one evaluation run found: the report it signed, and every case with the model's answer.
 * Cases are stacked, not tabled: the model page is a narrow side panel and answers run long.
 */
export function EvalRunResult({ run }: { run: EvalRun }) {
  const { report } = run;
  return (
    <div className="eval-result" data-testid="eval-result" data-passed={report.passed} data-cases={report.cases}>
      <p className="eval-verdict">
        <SourceBadge source={report.source} /> <strong data-testid="eval-result-passed">{`${formatCount(report.passed)} of ${formatCount(report.cases)} passed`}</strong> · accuracy{' '}
        <strong data-testid="eval-result-accuracy">{formatBpsPercent(report.accuracyBps)}</strong> · {report.task} · cost{' '}
        <strong data-testid="eval-result-cost" data-micro={run.cost}>
          {formatMoney(run.cost)}
        </strong>
      </p>
      <ol className="eval-cases" data-testid="eval-cases">
        {run.results.map((r, i) => (
          <li key={i} className="eval-case" data-testid="eval-case" data-passed={r.passed}>
            <p className="eval-case-head">
              <span className={r.passed ? 'outcome-ok' : 'outcome-bad'}>{r.passed ? '✓ passed' : r.error ? '✗ error' : '✗ failed'}</span>
              <span className="muted">{formatMoney(r.cost)}</span>
            </p>
            <p className="eval-prompt muted">{r.prompt}</p>
            {r.answer !== null ? <p className="eval-answer selectable">{r.answer}</p> : <p className="eval-answer outcome-bad">{r.error ?? 'no answer'}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
