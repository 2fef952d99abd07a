import type { ReactNode } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { useCommand } from '../client/useCommand';
import { EvalSection } from '../evals/EvalSection';
import { ReviewsSection } from '../reviews/ReviewsSection';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { CompareToggle } from './CompareToggle';
import { EndpointFacts, PriceFacts } from './ModelDetail';
import { ModelMetrics } from './ModelMetrics';
import { PriceHistory } from './PriceHistory';
import { RecentActivity } from './RecentActivity';
import { UseFromCode } from './UseFromCode';
import { UseModelButton } from './UseModelButton';

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card model-section" aria-labelledby={id} data-testid={`model-section-${id}`}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Page({ item }: { item: CatalogItem }) {
  const showScreen = useUiStore((s) => s.showScreen);
  return (
    <>
      <header className="model-page-header">
        <button type="button" className="button button-small" onClick={() => showScreen('catalog')} data-testid="model-page-catalog">
          ← Catalog
        </button>
        <div className="model-page-title">
          <h1 data-testid="model-page-name">
            {item.name} {item.retired && <span className="badge badge-retired">retired</span>}
          </h1>
          <p className="muted">
            by {item.producerName} · version {item.version} · {item.tasks.join(', ')}
          </p>
        </div>
        <div className="detail-actions">
          <UseModelButton item={item} />
          <CompareToggle id={item.id} />
        </div>
      </header>
      <div className="model-page-grid">
        <Section title="Overview" id="overview">
          {item.description && <p className="detail-description">{item.description}</p>}
          <ModelMetrics item={item} />
        </Section>
        <Section title="Pricing and history" id="pricing">
          <PriceFacts item={item} />
          <h3>Price history · reference call</h3>
          <PriceHistory modelId={item.id} />
        </Section>
        <Section title="Reviews" id="reviews">
          <ReviewsSection item={item} />
        </Section>
        <Section title="Evaluations" id="evaluations">
          <EvalSection item={item} />
        </Section>
        <Section title="Activity" id="activity">
          <RecentActivity modelId={item.id} />
        </Section>
        <Section title="Use from code" id="code">
          <UseFromCode item={item} />
          <EndpointFacts item={item} />
        </Section>
      </div>
    </>
  );
}

/** The full model page, with its own URL (#/model/<id>); the catalog's drawer is only its preview. */
export function ModelPage() {
  const id = useUiStore((s) => s.modelPageId);
  const model = useCommand('catalog.get', id === null ? null : { id }, ['catalog.changed']);
  return (
    <section className="screen model-page" data-testid="model-page" aria-label="Model">
      {model.data ? (
        <Page key={model.data.id} item={model.data} />
      ) : model.error && !model.loading ? (
        <ErrorState error={model.error} onRetry={model.reload} testId="model-page-error" />
      ) : (
        <LoadingState label="Loading model…" />
      )}
    </section>
  );
}
