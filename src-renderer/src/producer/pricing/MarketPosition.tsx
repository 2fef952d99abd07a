import type { AppError } from '../../../../src-shared/errors';
import type { Position } from '../../../../src-shared/pricing';
import { ScatterChart, type ScatterPoint } from '../../charts/ScatterChart';
import { formatBpsPercent, formatCount, formatMoney } from '../../format/numbers';
import { InlineError } from '../../shell/InlineError';
import { QuartileStrip } from './QuartileStrip';

type Quartile = NonNullable<NonNullable<Position['candidate']>['quartile']>;
const QUARTILE_TEXT: Record<Quartile, string> = {
  'below q1': 'the cheapest quarter of the market (below Q1)',
  'q1-median': 'the second quarter (between Q1 and the median)',
  'median-q3': 'the third quarter (between the median and Q3)',
  'above q3': 'the most expensive quarter (above Q3)',
};

function FrontierRange({ position }: { position: Position }) {
  const bound = position.maxFrontierCost;
  const cost = position.candidate?.referenceCost ?? position.referenceCost;
  if (bound === null) return <p data-testid="frontier-range">Any price keeps it on the frontier: no other model is as accurate for {position.task}.</p>;
  if (bound < 0) return <p data-testid="frontier-range">No price keeps it on the frontier: a free model is at least as accurate.</p>;
  const inside = cost !== null && cost <= bound;
  return (
    <p data-testid="frontier-range" data-on-frontier={inside}>
      On the frontier at a reference-call price from 0 to <strong>{formatMoney(bound)}</strong>
      {cost !== null && (inside ? ' — this price is inside that range.' : ' — this price is above it: a cheaper model is at least as accurate.')}
    </p>
  );
}

/** Where the model stands in its task's market, now and at the price being typed (pricing.position). */
export function MarketPosition({ position, error, updating, onRetry }: { position: Position | undefined; error: AppError | undefined; updating: boolean; onRetry(): void }) {
  if (error && !position) return <InlineError error={error} onRetry={onRetry} testId="position-error" prefix="Market position unavailable" />;
  if (!position) return <p className="muted">Reading the market…</p>;
  const c = position.candidate;
  const rankOf = (rank: number | null) => (rank === null ? '—' : `#${rank} of ${formatCount(position.competitors + 1)}`);
  const dominators = c ? c.dominatedBy : position.dominatedBy;
  const points: ScatterPoint[] = [
    ...position.points,
    ...(position.referenceCost !== null ? [{ id: position.modelId, name: 'now', cost: position.referenceCost, accuracyBps: position.accuracyBps, onFrontier: !position.dominated, mark: 'self' as const }] : []),
    ...(c ? [{ id: position.modelId, name: 'new price', cost: c.referenceCost, accuracyBps: position.accuracyBps, onFrontier: !c.dominated, mark: 'candidate' as const }] : []),
  ];
  return (
    <div className="market-position" data-testid="market-position" aria-busy={updating}>
      {error && <InlineError error={error} onRetry={onRetry} testId="position-error" prefix="Could not update" />}
      <p className="muted">
        {position.task}: {formatCount(position.competitors)} other priced models · accuracy {formatBpsPercent(position.accuracyBps)}
        {updating && ' · updating…'}
      </p>
      <h3>Reference-call prices of the task</h3>
      {position.quartiles ? (
        <>
          <dl className="quartiles" data-testid="position-quartiles">
            {(['min', 'q1', 'median', 'q3', 'max'] as const).map((k) => (
              <div key={k}>
                <dt>{k === 'median' ? 'Median' : k === 'min' || k === 'max' ? k[0]!.toUpperCase() + k.slice(1) : k.toUpperCase()}</dt>
                <dd>{formatMoney(position.quartiles![k])}</dd>
              </div>
            ))}
          </dl>
          <QuartileStrip quartiles={position.quartiles} current={position.referenceCost} candidate={c?.referenceCost ?? null} />
        </>
      ) : (
        <p className="muted">No priced model lists this task yet: you set the market.</p>
      )}
      {c?.quartile && (
        <p data-testid="candidate-quartile" data-quartile={c.quartile}>
          The new price falls in {QUARTILE_TEXT[c.quartile]}.
        </p>
      )}
      <h3>Value</h3>
      <table className="data-table compact" data-testid="position-value">
        <thead>
          <tr>
            <th />
            <th className="num">Value score</th>
            <th className="num">Rank</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Now</th>
            <td className="num">{position.referenceCost === null ? 'unpriced' : formatCount(position.valueScore)}</td>
            <td className="num">{rankOf(position.valueRank)}</td>
          </tr>
          {c && (
            <tr data-testid="candidate-value">
              <th scope="row">New price</th>
              <td className="num">{formatCount(c.valueScore)}</td>
              <td className="num" data-testid="candidate-rank">
                {rankOf(c.valueRank)}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>Frontier</h3>
      <FrontierRange position={position} />
      {dominators.length === 0 ? (
        <p data-testid="dominated-by" data-count={0}>
          Not dominated: no model is both cheaper and at least as accurate{c ? ' at the new price' : ''}.
        </p>
      ) : (
        <div data-testid="dominated-by" data-count={dominators.length}>
          <p>Dominated{c ? ' at the new price' : ''} by (cheaper and at least as accurate):</p>
          <ul className="plain-list">
            {dominators.map((d) => (
              <li key={d.id}>
                {d.name} <span className="muted">· {formatMoney(d.cost)} · {formatBpsPercent(d.accuracyBps)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ScatterChart points={points} frontier={position.frontier} width={420} height={220} testId="position-scatter" label={`Price versus accuracy for ${position.task}`} />
    </div>
  );
}
