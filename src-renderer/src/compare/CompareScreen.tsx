import type { CompareOutput } from '../../../src-shared/pricing';
import { ScatterChart, type ScatterPoint } from '../charts/ScatterChart';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { useDebouncedValue } from '../catalog/useDebouncedValue';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { MIN_COMPARE, useUiStore } from '../state/ui-store';
import { CompareTable } from './CompareTable';
import { WorkloadCost } from './WorkloadCost';
import { parseWorkload, type Workload } from './workload';

export const WORKLOAD_DEBOUNCE_MS = 250;

/** Tasks of the compared models, the most shared first: "support (3 of 3)". */
function taskChoices(result: CompareOutput): Array<{ task: string; count: number }> {
  const counts = new Map<string, number>();
  for (const model of result.models) for (const task of model.tasks) counts.set(task, (counts.get(task) ?? 0) + 1);
  return [...counts].map(([task, count]) => ({ task, count })).sort((a, b) => b.count - a.count || a.task.localeCompare(b.task));
}

function CompareScatter({ result }: { result: CompareOutput }) {
  const byId = new Map(result.scatter.points.map((p) => [p.id, p]));
  const points: ScatterPoint[] = result.scatter.points.map((p) => ({ ...p, ...(p.compared ? { mark: 'compared' as const } : {}) }));
  const frontier = result.scatter.frontier.flatMap((id) => byId.get(id) ?? []);
  return (
    <section className="card" aria-label="Price versus accuracy">
      <h2>Price vs accuracy · {result.task}</h2>
      <p className="muted">
        Every priced model of the task; the line is the frontier: nothing is both cheaper and more accurate than a model on it.
      </p>
      <ScatterChart points={points} frontier={frontier} testId="compare-scatter" label={`Price versus accuracy for ${result.task}`} />
    </section>
  );
}

export function CompareScreen() {
  const ids = useUiStore((s) => s.compareIds);
  const task = useUiStore((s) => s.compareTask);
  const setCompareTask = useUiStore((s) => s.setCompareTask);
  const showScreen = useUiStore((s) => s.showScreen);
  const clearCompare = useUiStore((s) => s.clearCompare);
  const text = useUiStore((s) => s.workload);
  const { workload, problems } = parseWorkload(text);
  // A workload that does not parse keeps the last good one in the query.
  const settled = useDebouncedValue(workload ? JSON.stringify(workload) : null, WORKLOAD_DEBOUNCE_MS);
  const lastGood = useKeepPrevious(settled ?? undefined);
  const ready = ids.length >= MIN_COMPARE;
  const input = ready ? { ids, ...(task ? { task } : {}), ...(lastGood ? { workload: JSON.parse(lastGood) as Workload } : {}) } : null;
  const compared = useCommand('catalog.compare', input, ['catalog.changed']);
  const result = useKeepPrevious(compared.data);

  if (!ready) {
    return (
      <section className="screen" data-testid="compare" aria-label="Compare">
        <EmptyState title="Pick 2 to 6 models to compare them side by side." testId="compare-empty">
          <p className="muted">Tick the boxes in the catalog, or use “Add to compare” on a model’s page.</p>
          <button type="button" className="button" onClick={() => showScreen('catalog')} data-testid="compare-go-catalog">
            Go to the catalog
          </button>
        </EmptyState>
      </section>
    );
  }

  const choices = result ? taskChoices(result) : [];
  return (
    <section className="screen compare-screen" data-testid="compare" aria-label="Compare">
      <div className="toolbar">
        <h1 className="screen-title">Compare {ids.length} models</h1>
        {result && choices.length > 1 && (
          <label className="toolbar-field">
            Task
            <select data-testid="compare-task" value={result.task} onChange={(event) => setCompareTask(event.target.value)}>
              {choices.map(({ task: t, count }) => (
                <option key={t} value={t}>
                  {`${t} (${count} of ${result.models.length})`}
                </option>
              ))}
            </select>
          </label>
        )}
        {compared.loading && result && <span className="muted">Updating…</span>}
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => showScreen('catalog')} data-testid="compare-back">
          Back to catalog
        </button>
        <button type="button" className="button" onClick={clearCompare}>
          Clear
        </button>
      </div>
      <div className="screen-scroll">
        {compared.error && !compared.loading ? (
          <ErrorState error={compared.error} onRetry={compared.reload} testId="compare-error" />
        ) : !result ? (
          <LoadingState label="Comparing…" testId="compare-loading" />
        ) : (
          <>
            <CompareTable result={result} />
            <div className="compare-cards">
              <WorkloadCost result={result} problems={problems} />
              <CompareScatter result={result} />
            </div>
          </>
        )}
      </div>
    </section>
  );
}
