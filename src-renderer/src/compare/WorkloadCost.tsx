import type { CompareOutput } from '../../../src-shared/pricing';
import { formatCount, formatMoney } from '../format/numbers';
import { useUiStore, type WorkloadText } from '../state/ui-store';
import type { WorkloadProblems } from './workload';

const FIELDS: Array<{ key: keyof WorkloadText; label: string; testId: string }> = [
  { key: 'inputTokens', label: 'Input tokens per request', testId: 'workload-input' },
  { key: 'outputTokens', label: 'Output tokens per request', testId: 'workload-output' },
  { key: 'requestsPerMonth', label: 'Requests per month', testId: 'workload-requests' },
];

/**
 * "What would my workload cost": the engine computes per-request and per-month cost with the same
 * integer formula it charges with, so what is shown here is what would be billed.
 */
export function WorkloadCost({ result, problems }: { result: CompareOutput; problems: WorkloadProblems }) {
  const text = useUiStore((s) => s.workload);
  const setWorkload = useUiStore((s) => s.setWorkload);
  const w = result.workload;
  return (
    <section className="card" data-testid="workload-cost" aria-label="Cost for my workload">
      <h2>Cost for my workload</h2>
      <div className="workload-fields">
        {FIELDS.map(({ key, label, testId }) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              data-testid={testId}
              inputMode="numeric"
              value={text[key]}
              aria-invalid={problems[key] !== undefined}
              onChange={(event) => setWorkload({ [key]: event.target.value })}
            />
            {problems[key] && <span className="field-error">{problems[key]}</span>}
          </label>
        ))}
      </div>
      <p className="muted" data-testid="workload-echo">
        {formatCount(w.inputTokens)} input + {formatCount(w.outputTokens)} output tokens per request, {formatCount(w.requestsPerMonth)}{' '}
        requests a month
      </p>
      <table className="data-table">
        <thead>
          <tr>
            <th>Model</th>
            <th className="num">Per request</th>
            <th className="num">Per month</th>
          </tr>
        </thead>
        <tbody>
          {result.models.map((model, i) => {
            const cheapest = w.cheapest.includes(i);
            const perRequest = w.perRequest[i] ?? null;
            const perMonth = w.perMonth[i] ?? null;
            return (
              <tr key={model.id} className={cheapest ? 'best' : undefined} data-testid="workload-row" data-model-id={model.id} data-cheapest={cheapest}>
                <td>
                  {model.name} {cheapest && <span className="badge badge-best">cheapest</span>}
                </td>
                <td className="num" data-testid="workload-per-request">
                  {perRequest === null ? 'unpriced' : formatMoney(perRequest)}
                </td>
                <td className="num" data-testid="workload-per-month">
                  {perMonth === null ? 'unpriced' : formatMoney(perMonth)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
