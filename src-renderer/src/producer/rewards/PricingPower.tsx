import { useState } from 'react';
import type { CatalogItem } from '../../../../src-shared/catalog';
import { FormField } from '../../shell/FormField';
import { InlineError } from '../../shell/InlineError';
import { useUiStore } from '../../state/ui-store';
import { parsePriceText, priceTextOf, type PriceText } from '../pricing/price-form';
import { useMyModels } from '../pricing/useMyModels';
import { ProjectionTable } from './ProjectionTable';
import { useProjection } from './useProjection';

const FIELDS = [
  { field: 'inputPer1M', label: 'Input per 1M tokens' },
  { field: 'outputPer1M', label: 'Output per 1M tokens' },
  { field: 'perRequest', label: 'Per request' },
] as const;

/** A candidate price for one model, projected through the routing planner and the newest final epoch. */
function ModelProjection({ item }: { item: CatalogItem }) {
  const openPricing = useUiStore((s) => s.openPricing);
  const [text, setText] = useState<PriceText>(() => priceTextOf(item.price));
  const [task, setTask] = useState(item.tasks[0] ?? '');
  const parsed = parsePriceText(text);
  const projection = useProjection(item.id, parsed.price, task || null);
  const { shown } = projection;
  return (
    <div className="pricing-power" aria-busy={projection.loading}>
      <div className="pricing-power-form">
        {item.tasks.length > 1 && (
          <label className="toolbar-field">
            Task
            <select data-testid="projection-task" value={task} onChange={(event) => setTask(event.target.value)}>
              {item.tasks.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        {FIELDS.map(({ field, label }) => (
          <FormField key={field} id={`projection-${field}`} label={label} unit="cr" problem={parsed.problems[field]}>
            <input id={`projection-${field}`} data-testid={`projection-${field}`} inputMode="decimal" value={text[field]} aria-invalid={Boolean(parsed.problems[field])} onChange={(event) => setText((t) => ({ ...t, [field]: event.target.value }))} />
          </FormField>
        ))}
        <button type="button" className="button button-small" data-testid="projection-open-pricing" onClick={() => openPricing(item.id)}>
          Set a price in Pricing…
        </button>
      </div>
      {projection.error && <InlineError error={projection.error} onRetry={projection.reload} testId="projection-error" prefix="Projection unavailable" />}
      {shown ? <ProjectionTable projection={shown} /> : !projection.error && <p className="muted">{parsed.price ? 'Replaying the task’s recent calls…' : 'Type a candidate price.'}</p>}
    </div>
  );
}

/**
 * Pricing power: what a price change would do to a model's routed share, revenue and reward
 * (rewards.projection). Only a projection: the price is set, and signed, in the Pricing tab.
 */
export function PricingPower({ producerKey }: { producerKey: string }) {
  const mine = useMyModels(producerKey);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = mine.data?.items ?? [];
  const item = items.find((i) => i.id === chosen) ?? items[0];
  return (
    <section className="card" aria-label="Pricing power" data-testid="pricing-power">
      <div className="card-header">
        <h2>Pricing power</h2>
        {items.length > 1 && item && (
          <label className="toolbar-field">
            Model
            <select data-testid="projection-model" value={item.id} onChange={(event) => setChosen(event.target.value)}>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">What another price would do to the model’s value rank, the share of the task’s recent calls the router would send it, and its revenue and reward per epoch.</p>
      {mine.error && !mine.loading && <InlineError error={mine.error} onRetry={mine.reload} testId="pricing-power-error" prefix="Your models are unavailable" />}
      {item ? <ModelProjection key={item.id} item={item} /> : mine.data && <p className="muted">Publish a model to project its pricing power.</p>}
    </section>
  );
}
