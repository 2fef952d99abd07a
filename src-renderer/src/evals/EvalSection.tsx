import { useState } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { useCommand } from '../client/useCommand';
import { formatMoney } from '../format/numbers';
import { useIdentityKey } from '../shell/HealthContext';
import { InlineError } from '../shell/InlineError';
import { EvalReports } from './EvalReports';
import { EvalRunResult, type EvalRun } from './EvalRunResult';

type RunState = { status: 'idle' } | { status: 'running'; task: string } | { status: 'done'; run: EvalRun } | { status: 'error'; error: AppError };

/** Why a model cannot be evaluated now (the router would refuse the calls), or null. */
function blocked(item: CatalogItem): string | null {
  if (item.retired) return 'Retired: it no longer answers calls.';
  if (item.price === null) return 'Not priced yet: it cannot be called.';
  return null;
}

/**
 * Evaluations: the signed reports (evals.reports) and "Evaluate", which runs the task's labelled
 * prompt set against this model through the real call path. Every case is a paid call, so the
 * button says so before it is pressed.
 */
export function EvalSection({ item }: { item: CatalogItem }) {
  const client = useClient();
  const me = useIdentityKey();
  const reports = useCommand('evals.reports', { modelId: item.id }, ['reviews.changed']);
  const [task, setTask] = useState(item.tasks[0] ?? '');
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const reason = blocked(item);
  const own = me !== null && item.producerKey === me;
  const lastRun = reports.data?.filter((r) => r.task === task).sort((a, b) => b.ts - a.ts)[0];

  async function evaluate() {
    setState({ status: 'running', task });
    try {
      const run = await client.call('evals.run', { modelId: item.id, task });
      setState({ status: 'done', run });
      reports.reload();
    } catch (error) {
      setState({ status: 'error', error: asAppError(error) });
    }
  }

  return (
    <div className="eval-section" data-testid="eval-section">
      {reports.error && !reports.loading ? (
        <InlineError error={reports.error} onRetry={reports.reload} testId="eval-reports-error" prefix="Reports are unavailable" />
      ) : !reports.data ? (
        <p className="muted">Loading evaluation reports…</p>
      ) : reports.data.length === 0 ? (
        <p className="muted" data-testid="eval-reports-empty">
          Nobody has evaluated this model yet: its accuracy is what its producer claims.
        </p>
      ) : (
        <EvalReports reports={reports.data} me={me} />
      )}
      <div className="eval-run card-inset">
        <p className="muted" data-testid="eval-cost-note">
          Evaluate runs the labelled test set of a task against this model: <strong>each case is a real call, charged to your wallet</strong> at its price
          {item.referenceCost !== null && <> (a reference call costs {formatMoney(item.referenceCost)})</>}
          {lastRun ? `; the last ${task} run had ${lastRun.cases} cases` : ''}.{' '}
          {own ? 'Your own run is published as claimed: only other users’ runs count as measured.' : 'Your signed report counts as measured.'}
        </p>
        <div className="inline-form">
          <label className="toolbar-field" htmlFor="eval-task">
            Task
          </label>
          <select id="eval-task" data-testid="eval-task" value={task} onChange={(event) => setTask(event.target.value)} disabled={state.status === 'running'}>
            {item.tasks.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => void evaluate()} disabled={reason !== null || state.status === 'running' || task === ''} data-testid="eval-run" title={reason ?? undefined}>
            {state.status === 'running' ? `Evaluating ${state.task}…` : 'Evaluate (charged)'}
          </button>
        </div>
        {reason && <p className="field-hint">{reason}</p>}
        {state.status === 'error' && <InlineError error={state.error} testId="eval-error" prefix="The evaluation did not run" />}
        {state.status === 'done' && <EvalRunResult run={state.run} />}
      </div>
    </div>
  );
}
