import type { ReactNode } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { useCommand } from '../client/useCommand';
import { REFERENCE_CALL_TOOLTIP } from '../format/metrics';
import { formatBpsPercent, formatCount, formatMoney, formatMs, formatRating } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';
import { ErrorState, LoadingState } from '../shell/StatusViews';

function Row({ label, children, title }: { label: string; children: ReactNode; title?: string }) {
  return (
    <>
      <dt title={title}>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Metrics({ item }: { item: CatalogItem }) {
  const m = item.metrics;
  return (
    <dl className="detail-grid" data-testid="model-metrics">
      {Object.entries(m.accuracyBps).map(([task, metric]) => (
        <Row key={task} label={`Accuracy · ${task}`}>
          {formatBpsPercent(metric.value)} <SourceBadge source={metric.source} />
        </Row>
      ))}
      <Row label="Latency p50">
        {formatMs(m.latencyP50Ms.value)} <SourceBadge source={m.latencyP50Ms.source} />
      </Row>
      <Row label="Latency p95">
        {formatMs(m.latencyP95Ms.value)} <SourceBadge source={m.latencyP95Ms.source} />
      </Row>
      <Row label="Success rate">
        {formatBpsPercent(m.successRateBps.value)} <SourceBadge source={m.successRateBps.source} />
      </Row>
      <Row label="Throughput">
        {formatCount(m.throughputTps.value)} tokens/s <SourceBadge source={m.throughputTps.source} />
      </Row>
      <Row label="Rating">
        {formatRating(m.ratingX100.value)} <SourceBadge source={m.ratingX100.source} />
      </Row>
      <Row label="Popularity">
        {formatCount(m.popularity.value)} paying users <SourceBadge source={m.popularity.source} />
      </Row>
    </dl>
  );
}

function Detail({ item }: { item: CatalogItem }) {
  return (
    <>
      <header className="detail-header">
        <h2 data-testid="model-detail-name">
          {item.name} {item.retired && <span className="badge badge-retired">retired</span>}
        </h2>
        <p className="muted">
          by {item.producerName} · version {item.version}
        </p>
      </header>
      {item.description && <p className="detail-description">{item.description}</p>}
      <h3>Price</h3>
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
            <span title={REFERENCE_CALL_TOOLTIP}>{formatMoney(item.referenceCost)}</span>
          </Row>
        )}
      </dl>
      <h3>Endpoint</h3>
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
      <h3>Metrics</h3>
      <Metrics item={item} />
      <p className="muted detail-id" title="Model id: the producer's key and the model's slug">
        <code className="selectable">{item.id}</code>
      </p>
    </>
  );
}

/** The selected model, read fresh from the engine (catalog.get) and re-read when the catalog changes. */
export function ModelDetail({ id, onClose }: { id: string; onClose(): void }) {
  const model = useCommand('catalog.get', { id }, ['catalog.changed']);
  return (
    <aside className="detail-panel" data-testid="model-detail" aria-label="Model details">
      <button type="button" className="icon-button detail-close" onClick={onClose} aria-label="Close details" data-testid="close-detail">
        ×
      </button>
      {model.data ? (
        <Detail item={model.data} />
      ) : model.error && !model.loading ? (
        <ErrorState error={model.error} onRetry={model.reload} testId="model-detail-error" />
      ) : (
        <LoadingState label="Loading model…" />
      )}
    </aside>
  );
}
