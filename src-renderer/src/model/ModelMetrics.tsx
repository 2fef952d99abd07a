import type { ReactNode } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { formatBpsPercent, formatCount, formatMs, formatRating } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';

export function Row({ label, children, title }: { label: string; children: ReactNode; title?: string }) {
  return (
    <>
      <dt title={title}>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Every figure with the badge that says who stands behind it. */
export function ModelMetrics({ item }: { item: CatalogItem }) {
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
