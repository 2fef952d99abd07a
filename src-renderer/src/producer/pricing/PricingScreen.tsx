import { useCommand } from '../../client/useCommand';
import { EmptyState, ErrorState, LoadingState } from '../../shell/StatusViews';
import { useUiStore } from '../../state/ui-store';
import { PricingModel } from './PricingModel';
import { useMyModels } from './useMyModels';

function SelectedModel({ id }: { id: string }) {
  const model = useCommand('catalog.get', { id }, ['catalog.changed']);
  if (model.data) return <PricingModel key={model.data.id} item={model.data} />;
  if (model.error && !model.loading) return <ErrorState error={model.error} onRetry={model.reload} testId="pricing-model-error" />;
  return <LoadingState label="Loading the model…" />;
}

/** The Fixed Pricing Engine from the producer's side: pick one of your models and reprice it. */
export function PricingScreen({ producerKey }: { producerKey: string }) {
  const chosen = useUiStore((s) => s.pricingModelId);
  const openPricing = useUiStore((s) => s.openPricing);
  const openListingEditor = useUiStore((s) => s.openListingEditor);
  const mine = useMyModels(producerKey);

  if (!mine.data) {
    return (
      <section className="screen" data-testid="pricing" aria-label="Pricing">
        {mine.error && !mine.loading ? <ErrorState error={mine.error} onRetry={mine.reload} testId="pricing-error" /> : <LoadingState label="Loading your models…" />}
      </section>
    );
  }
  const models = mine.data.items;
  if (models.length === 0) {
    return (
      <section className="screen" data-testid="pricing" aria-label="Pricing">
        <EmptyState title="Publish a model first, then price it here." testId="pricing-empty">
          <p>
            A price is signed with your key like the listing. Here you see, while you type, where a price puts your model among
            the others of its task: quartiles, value rank, and whether a cheaper model is at least as accurate.
          </p>
          <button type="button" className="button button-primary" onClick={() => openListingEditor({ mode: 'new' })} data-testid="pricing-new-model">
            New model
          </button>
        </EmptyState>
      </section>
    );
  }
  const id = chosen && models.some((m) => m.id === chosen) ? chosen : models[0]!.id;
  return (
    <section className="screen" data-testid="pricing" aria-label="Pricing">
      <div className="toolbar">
        <h1 className="screen-title">Pricing</h1>
        <label className="toolbar-field">
          Model
          <select data-testid="pricing-model" value={id} onChange={(event) => openPricing(event.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="screen-scroll">
        <SelectedModel key={id} id={id} />
      </div>
    </section>
  );
}
