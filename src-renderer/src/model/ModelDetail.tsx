import { useEffect, type ReactNode } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { useCommand } from '../client/useCommand';
import { REFERENCE_CALL_TOOLTIP } from '../format/metrics';
import { formatCount, formatMoney } from '../format/numbers';
import { EvalSection } from '../evals/EvalSection';
import { ReviewsSection } from '../reviews/ReviewsSection';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { ModelMetrics, Row } from './ModelMetrics';
import { PriceHistory } from './PriceHistory';
import { RecentActivity } from './RecentActivity';

export function PriceFacts({ item }: { item: CatalogItem }) {
  return (
    <dl className="detail-grid" data-testid="model-price">
      {item.price === null ? (
        <Row label="Price">not priced yet</Row>
      ) : (
        <>
          <Row label="Input per 1M tokens">{formatMoney(item.price.inputPer1M)}</Row>
          <Row label="Output per 1M tokens">{formatMoney(item.price.outputPer1M)}</Row>
          <Row label="Per request">{formatMoney(item.price.perRequest)}</Row>
        </>
      )}
      {item.referenceCost !== null && (
        <Row label="Reference call" title={REFERENCE_CALL_TOOLTIP}>
          <span title={REFERENCE_CALL_TOOLTIP} data-testid="model-reference-cost">
            {formatMoney(item.referenceCost)}
          </span>
        </Row>
      )}
    </dl>
  );
}

function Detail({ item, actions }: { item: CatalogItem; actions?: ReactNode }) {
  return (
    <>
      <header className="detail-header">
        <h2 data-testid="model-detail-name">
          {item.name} {item.retired && <span className="badge badge-retired">retired</span>}
        </h2>
        <p className="muted">
          by {item.producerName} · version {item.version}
        </p>
        {actions && <div className="detail-actions">{actions}</div>}
      </header>
      {item.description && <p className="detail-description">{item.description}</p>}
      <h3>Price</h3>
      <PriceFacts item={item} />
      <h3>Price history · reference call (cr)</h3>
      <PriceHistory modelId={item.id} />
      <h3>Metrics</h3>
      <ModelMetrics item={item} />
      <h3>Reviews</h3>
      <ReviewsSection item={item} />
      <h3>Evaluations</h3>
      <EvalSection item={item} />
      <h3>Recent activity</h3>
      <RecentActivity modelId={item.id} />
      <h3>Endpoint</h3>
      <EndpointFacts item={item} />
    </>
  );
}

export function EndpointFacts({ item }: { item: CatalogItem }) {
  return (
    <>
      <dl className="detail-grid">
        <Row label="Base URL">
          <code className="selectable">{item.endpoint.baseUrl}</code>
        </Row>
        <Row label="Model name">
          <code className="selectable">{item.endpoint.model}</code>
        </Row>
        <Row label="Context window">{formatCount(item.contextWindow)} tokens</Row>
        <Row label="Modality">{item.modality}</Row>
        <Row label="Tasks">{item.tasks.join(', ')}</Row>
        {item.industries.length > 0 && <Row label="Industries">{item.industries.join(', ')}</Row>}
      </dl>
      <p className="muted detail-id" title="Model id: the producer's key and the model's slug">
        <code className="selectable">{item.id}</code>
      </p>
    </>
  );
}

/**
 * The model page beside the list: read fresh from the engine (catalog.get) and re-read when the
 * catalog changes. `actions` are what this window may do with the model (compare it, or as its
 * producer edit, price or retire it).
 */
export function ModelDetail({ id, onClose, actions }: { id: string; onClose(): void; actions?: (item: CatalogItem) => ReactNode }) {
  const model = useCommand('catalog.get', { id }, ['catalog.changed']);
  // Esc closes the preview from anywhere in the window, unless a dialog above it takes the key.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && document.querySelector('[aria-modal="true"]') === null) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="detail-panel" data-testid="model-detail" aria-label="Model preview">
      <button type="button" className="icon-button detail-close" onClick={onClose} aria-label="Close preview" data-testid="close-detail">
        ×
      </button>
      {model.data ? (
        <Detail key={model.data.id} item={model.data} actions={actions?.(model.data)} />
      ) : model.error && !model.loading ? (
        <ErrorState error={model.error} onRetry={model.reload} testId="model-detail-error" />
      ) : (
        <LoadingState label="Loading model…" />
      )}
    </aside>
  );
}
