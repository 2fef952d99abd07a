import { MIN_LEARNED_OUTPUT, type Candidate, type OutputEstimate, type Plan } from '../../../src-shared/routing';
import { formatBpsPercent, formatCount, formatMoney, formatMs, formatPlural } from '../format/numbers';
import { constraintLabel, STRATEGY_LABELS } from './labels';

/** Where the output-token figure behind the costs came from, in words. */
export function outputSourceLabel(estimate: OutputEstimate): string {
  switch (estimate.source) {
    case 'caller':
      return 'as you set';
    case 'learned':
      return `learned from ${formatPlural(estimate.calls, 'call')}`;
    case 'default':
      return estimate.calls === 0 ? 'default, no calls yet' : `default until ${MIN_LEARNED_OUTPUT} calls (${formatCount(estimate.calls)} so far)`;
  }
}

const PARTS = [
  { key: 'quality', label: 'Quality' },
  { key: 'price', label: 'Price' },
  { key: 'latency', label: 'Latency' },
  { key: 'reliability', label: 'Reliability' },
] as const;

/**
 * The four score parts (per-mille, 0..1000) as bars: why this candidate ranks where it does. The
 * quality bar is labelled with the quality estimate itself, the row's one quality figure; its
 * length is the part (the estimate relative to the best candidate's), said in its tooltip.
 */
export function ScoreBars({ candidate }: { candidate: Candidate }) {
  return (
    <div className="score-bars" data-testid="score-bars">
      {PARTS.map(({ key, label }) => {
        const value = candidate.parts[key];
        const source = key === 'price' ? 'listed price' : candidate.sources[key];
        const title =
          key === 'quality'
            ? `Quality estimate ${formatBpsPercent(candidate.qualityBps)} (${source}); score part ${value} / 1000 relative to the best candidate`
            : `${label}: ${value} / 1000 (${source})`;
        const shown = key === 'quality' ? formatBpsPercent(candidate.qualityBps) : formatBpsPercent(value * 10);
        return (
          <div key={key} className="score-bar" title={title} data-testid={`score-${key}`} data-value={value}>
            <span className="score-label">{label}</span>
            <span className="score-track">
              <span className={`score-fill score-${key}`} style={{ width: `${Math.max(0, Math.min(1000, value)) / 10}%` }} />
            </span>
            <span className="score-value">{shown}</span>
          </div>
        );
      })}
    </div>
  );
}

function ExcludedCounts({ plan }: { plan: Plan }) {
  const rows = Object.entries(plan.excluded).filter(([, count]) => count > 0);
  if (rows.length === 0) return <p className="muted" data-testid="plan-excluded-none">No model of the task was excluded.</p>;
  return (
    <ul className="excluded-list" data-testid="plan-excluded">
      {rows.map(([constraint, count]) => (
        <li key={constraint} data-testid="plan-excluded-row" data-constraint={constraint} data-count={count}>
          <span>{constraintLabel(constraint)}</span> <code className="muted">{constraint}</code> <strong>{formatCount(count)}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * The rows in the strategy's order. An explored pick won by sampling, not by rank: with best value
 * it keeps its place by score (ties: the engine's order) and is flagged apart, rather than listed
 * first above models that score higher.
 */
export function orderedCandidates(plan: Plan): Candidate[] {
  if (plan.strategy !== 'best-value' || !plan.chosen.explored) return plan.candidates;
  return plan.candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.score - a.c.score || a.i - b.i).map(({ c }) => c);
}

/** route.plan's answer: the chosen model, the next best with their score parts, and what was excluded. */
export function PlanView({ plan }: { plan: Plan }) {
  const chosen = plan.chosen;
  const w = plan.weights;
  const rows = orderedCandidates(plan);
  const chosenRank = rows.findIndex((c) => c.modelId === chosen.modelId) + 1;
  return (
    <section className="card plan-view" data-testid="plan" aria-label="Routing plan" data-decision-id={plan.decisionId}>
      <h2>Plan</h2>
      <p className="plan-chosen" data-testid="plan-chosen" data-model-id={chosen.modelId}>
        <span className="muted">Chosen:</span> <strong>{chosen.name}</strong> <span className="muted">by {chosen.producerName}</span>
        {chosen.explored && (
          <span
            className="badge badge-kind"
            data-testid="plan-explored"
            title="Picked by bounded exploration: its mean score is within the exploration margin of the best, so a model with few observations gets a fair share of calls"
          >
            explored pick{chosenRank > 1 ? ` · #${chosenRank} by score` : ''}
          </span>
        )}
        <span className="plan-cost">
          est. <strong data-testid="plan-chosen-cost">{formatMoney(chosen.estimatedCost)}</strong>
        </span>
      </p>
      <p className="muted">
        {STRATEGY_LABELS[plan.strategy]} · weights quality {w.quality}, price {w.price}, latency {w.latency}, reliability {w.reliability} ·{' '}
        <span data-testid="plan-estimate" title="Each candidate's cost uses its own output figure: yours when you set one, else its median answer length for this task once learned, else the default">
          est. {formatCount(plan.estimate.inputTokens)} input + {formatCount(plan.estimate.outputTokens)} output tokens · {outputSourceLabel(plan.estimate)}
        </span>{' '}
        · {formatPlural(plan.considered, 'model')} considered · decided in {plan.decidedInMs} ms
      </p>
      <table className="data-table compact candidates-table" data-testid="plan-candidates">
        <thead>
          <tr>
            <th>#</th>
            <th>Model</th>
            <th>Score parts</th>
            <th className="num">Score</th>
            <th className="num">Est. cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <tr
              key={c.modelId}
              className={c.modelId === chosen.modelId ? 'chosen' : undefined}
              data-testid="plan-candidate"
              data-model-id={c.modelId}
              data-chosen={c.modelId === chosen.modelId ? (chosen.explored ? 'explored' : 'best') : undefined}
            >
              <td className="num">{i + 1}</td>
              <td>
                <span className="candidate-name">{c.name}</span>
                {c.modelId === chosen.modelId && <span className="badge">{chosen.explored ? 'chosen (explored)' : 'chosen'}</span>}
                <span className="muted producer-name">{c.producerName}</span>
                <span className="muted candidate-figures">
                  p95 {formatMs(c.latencyP95Ms)} · {formatBpsPercent(c.successRateBps)} success
                </span>
              </td>
              <td>
                <ScoreBars candidate={c} />
              </td>
              <td className="num">{formatCount(c.score)}</td>
              <td className="num" data-testid="candidate-cost">
                {formatMoney(c.estimatedCost)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Excluded by constraint</h3>
      <ExcludedCounts plan={plan} />
    </section>
  );
}
