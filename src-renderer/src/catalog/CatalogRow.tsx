import type { CSSProperties } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { bestAccuracySource, REFERENCE_CALL_TOOLTIP } from '../format/metrics';
import { formatBpsPercent, formatMoney, formatMs } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';

export const ROW_HEIGHT = 52;

/** Column headings, in the order CatalogRow renders its cells; the grid template lives in the CSS. */
export function CatalogHeader() {
  return (
    <div className="catalog-grid catalog-header" role="presentation">
      <span>Model</span>
      <span>Tasks</span>
      <span className="num" title={REFERENCE_CALL_TOOLTIP}>
        Reference call
      </span>
      <span className="num">Per 1M tokens</span>
      <span className="num">Best accuracy</span>
      <span className="num">p95 latency</span>
    </div>
  );
}

export function CatalogRow({
  item,
  selected,
  style,
  onSelect,
}: {
  item: CatalogItem;
  selected: boolean;
  style: CSSProperties;
  onSelect(item: CatalogItem): void;
}) {
  const accuracySource = bestAccuracySource(item);
  return (
    <div
      role="option"
      aria-selected={selected}
      className="catalog-grid catalog-row"
      style={style}
      data-testid="catalog-row"
      data-model-id={item.id}
      onClick={() => onSelect(item)}
    >
      <span className="cell-model">
        <span className="model-name">
          {item.name}
          {item.retired && <span className="badge badge-retired">retired</span>}
        </span>
        <span className="muted producer-name">{item.producerName}</span>
      </span>
      <span className="chips" title={item.tasks.join(', ')}>
        {item.tasks.map((task) => (
          <span key={task} className="chip">
            {task}
          </span>
        ))}
      </span>
      <span className="num" title={REFERENCE_CALL_TOOLTIP} data-testid="reference-cost">
        {item.referenceCost === null ? <span className="muted">unpriced</span> : formatMoney(item.referenceCost)}
      </span>
      {item.price === null ? (
        <span className="num muted">—</span>
      ) : (
        <span className="num price-pair" data-testid="price-per-1m">
          <span>
            <span className="muted">in</span> {formatMoney(item.price.inputPer1M)}
          </span>
          <span>
            <span className="muted">out</span> {formatMoney(item.price.outputPer1M)}
          </span>
        </span>
      )}
      <span className="num">
        {formatBpsPercent(item.bestAccuracyBps)} {accuracySource && <SourceBadge source={accuracySource} />}
      </span>
      <span className="num">
        {formatMs(item.metrics.latencyP95Ms.value)} <SourceBadge source={item.metrics.latencyP95Ms.source} />
      </span>
    </div>
  );
}

/** A row whose page is still on its way: same height, so the scrollbar never jumps. */
export function PlaceholderRow({ style }: { style: CSSProperties }) {
  return (
    <div className="catalog-grid catalog-row placeholder" style={style} aria-hidden="true" data-testid="catalog-row-placeholder">
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
    </div>
  );
}
