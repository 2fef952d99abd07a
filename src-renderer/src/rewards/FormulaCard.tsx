import type { EpochComputation } from '../../../src-shared/rewards';
import { formatBpsPercent } from '../format/numbers';
import { formatDuration } from './epochs';

/** The rules the split follows, with the parameters in force: the marketplace's signed config and the formula's. */
export function FormulaCard({ c }: { c: EpochComputation }) {
  const { params: p, marketplace: m } = c;
  const w = p.weights;
  return (
    <section className="card" aria-label="Formula and parameters" data-testid="formula-card">
      <h2>Formula and parameters</h2>
      <dl className="detail-grid" data-testid="reward-params">
        <dt>Marketplace fee</dt>
        <dd data-testid="param-fee">{formatBpsPercent(m.feeBps)} of every call’s cost flows into the reward pool</dd>
        <dt>Epoch length</dt>
        <dd data-testid="param-epoch">{formatDuration(m.epochSeconds)}, aligned to the Unix epoch, so every peer cuts the same epochs</dd>
        <dt>Grace period</dt>
        <dd data-testid="param-grace">{formatDuration(m.graceSeconds)} after the close: records received later are excluded; then the epoch is final</dd>
        <dt>Weights</dt>
        <dd data-testid="param-weights">
          quality {w.quality} · latency {w.latency} · reliability {w.reliability}
        </dd>
        <dt>Neutral prior</dt>
        <dd>
          vote {p.priorVote} ({p.priorVote / 250 + 1} stars) with the weight of {p.priorWeight} calls
        </dd>
        <dt>Activity threshold</dt>
        <dd data-testid="param-threshold">
          at least {p.minPayers} distinct paying users and {p.minOkObservations} counted successful calls per producer
        </dd>
        <dt>Clip rule</dt>
        <dd>A rater weighs at most the median paid calls of the model’s other payers, and votes above the consensus count as the consensus (Yuma).</dd>
      </dl>
      <h3>Formula</h3>
      <ol className="formula-lines" data-testid="formula-lines">
        {c.formula.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p className="muted">All values are integers; per-mille means 0–1000 and every division rounds down, so any peer recomputes the split to the micro-credit.</p>
    </section>
  );
}
