import { useState } from 'react';
import type { CatalogItem } from '../../../../src-shared/catalog';
import type { AppError } from '../../../../src-shared/errors';
import type { Price } from '../../../../src-shared/money';
import { PriceStepChart } from '../../charts/PriceStepChart';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { issuesByField } from '../../client/issues';
import { REFERENCE_CALL_TOOLTIP } from '../../format/metrics';
import { formatMoney } from '../../format/numbers';
import { formatDateTime } from '../../format/time';
import { chartNow, usePriceHistory } from '../../model/PriceHistory';
import { InlineError } from '../../shell/InlineError';
import { CandidateProjection } from './CandidateProjection';
import { MarketPosition } from './MarketPosition';
import { PriceEditor } from './PriceEditor';
import { parsePriceText, priceFieldOf, priceTextOf, type PriceText } from './price-form';
import { PriceHistoryTable } from './PriceHistoryTable';
import { usePosition } from './usePosition';

const samePrice = (a: Price, b: Price | null) => b !== null && a.inputPer1M === b.inputPer1M && a.outputPer1M === b.outputPer1M && a.perRequest === b.perRequest;

function History({ modelId }: { modelId: string }) {
  const history = usePriceHistory(modelId);
  const [mountedAt] = useState(() => Date.now());
  if (history.error && !history.loading) return <InlineError error={history.error} onRetry={history.reload} testId="price-history-error" />;
  if (!history.data) return <p className="muted">Loading price history…</p>;
  if (history.data.length === 0) return <p className="muted" data-testid="price-history-empty">No price yet: the first one you save starts the history.</p>;
  const now = chartNow(history.data, mountedAt);
  return (
    <div className="history-body">
      <PriceStepChart changes={history.data} now={now} testId="pricing-chart" />
      <PriceHistoryTable changes={history.data} now={now} />
    </div>
  );
}

/** One model's pricing: the price in force, the editor with its live market position and projection, the history. */
export function PricingModel({ item }: { item: CatalogItem }) {
  const client = useClient();
  const [text, setText] = useState<PriceText>(() => priceTextOf(item.price));
  const [task, setTask] = useState<string | null>(item.tasks.length > 1 ? item.tasks[0]! : null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const parsed = parsePriceText(text);
  // The price already in force is not a candidate: the position shows it as "now".
  const candidate = parsed.price && !samePrice(parsed.price, item.price) ? parsed.price : null;
  const position = usePosition(item.id, task, candidate);
  const remote = issuesByField(failure, priceFieldOf);
  const problems = { ...remote, ...parsed.problems };

  async function save() {
    setSaved(null);
    if (!parsed.price || parsed.problems.effectiveFrom) return;
    setBusy(true);
    setFailure(null);
    try {
      const change = await client.call('pricing.set', {
        modelId: item.id,
        price: parsed.price,
        ...(parsed.effectiveFrom !== undefined ? { effectiveFrom: parsed.effectiveFrom } : {}),
      });
      setSaved(
        change.current
          ? `Saved and signed: in force now. A reference call costs ${formatMoney(change.referenceCost)}.`
          : `Saved and signed: scheduled from ${formatDateTime(change.effectiveFrom)}.`,
      );
      setText((t) => ({ ...t, effectiveFrom: '' }));
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pricing-grid">
      <div className="pricing-column">
        <section className="card" data-testid="current-price" aria-label="Current price">
          <h2>Price in force</h2>
          {item.price === null ? (
            <p className="muted">Not priced yet: users cannot be routed to it until it has a price.</p>
          ) : (
            <dl className="detail-grid">
              <dt>Input per 1M tokens</dt>
              <dd>{formatMoney(item.price.inputPer1M)}</dd>
              <dt>Output per 1M tokens</dt>
              <dd>{formatMoney(item.price.outputPer1M)}</dd>
              <dt>Per request</dt>
              <dd>{formatMoney(item.price.perRequest)}</dd>
              <dt title={REFERENCE_CALL_TOOLTIP}>Reference call</dt>
              <dd data-testid="current-reference-cost">{item.referenceCost === null ? '—' : formatMoney(item.referenceCost)}</dd>
            </dl>
          )}
        </section>
        <PriceEditor
          text={text}
          onChange={(patch) => {
            setText((t) => ({ ...t, ...patch }));
            setSaved(null);
          }}
          problems={problems}
          candidate={parsed.price}
          onSave={() => void save()}
          busy={busy}
          failure={failure}
          saved={saved}
        />
      </div>
      <section className="card pricing-market" aria-label="Market position">
        <div className="card-header">
          <h2>Market position</h2>
          {item.tasks.length > 1 && (
            <label className="toolbar-field">
              Task
              <select data-testid="position-task" value={task ?? ''} onChange={(event) => setTask(event.target.value)}>
                {item.tasks.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <MarketPosition position={position.data} error={position.error} updating={position.loading} onRetry={position.reload} />
      </section>
      <CandidateProjection modelId={item.id} price={parsed.price} task={task} />
      <section className="card pricing-history" aria-label="Price history">
        <h2>Price history</h2>
        <History modelId={item.id} />
      </section>
    </div>
  );
}
