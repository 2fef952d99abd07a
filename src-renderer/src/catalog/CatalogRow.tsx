import type { CSSProperties } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { bestAccuracySource, REFERENCE_CALL_TOOLTIP } from '../format/metrics';
import { formatBpsPercent, formatMoney, formatMs } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';
import { MAX_COMPARE, useUiStore } from '../state/ui-store';

export const ROW_HEIGHT = 52;

const gridClass = (comparable: boolean) => `catalog-grid${comparable ? ' comparable' : ''}`;

/** Column headings, in the order CatalogRow renders its cells; the grid template lives in the CSS. */
export function CatalogHeader({ comparable }: { comparable: boolean }) {
  return (
    <div className={`${gridClass(comparable)} catalog-header`} role="presentation">
      {comparable && <span title={`Tick 2–${MAX_COMPARE} models to compare them`}>Cmp</span>}
      <span>Model</span>
      <span>Tasks</span>
      <span className="num" title={REFERENCE_CALL_TOOLTIP}>
        Reference call
      </span>
      <span className="num col-per-1m">Per 1M tokens</span>
      <span className="num">Best accuracy</span>
      <span className="num">p95 latency</span>
    </div>
  );
}

/** Its own component so that ticking one row re-renders that row only, even at 100k models. */
function CompareBox({ item }: { item: CatalogItem }) {
  const checked = useUiStore((s) => s.compareIds.includes(item.id));
  const full = useUiStore((s) => s.compareIds.length >= MAX_COMPARE);
  const toggleCompare = useUiStore((s) => s.toggleCompare);
  return (
    // The row's click selects the model; the checkbox must not.
    <span className="cell-compare" onClick={(event) => event.stopPropagation()}>
      <input
        type="checkbox"
        data-testid="compare-checkbox"
        aria-label={`Compare ${item.name}`}
        checked={checked}
        disabled={!checked && full}
        title={!checked && full ? `At most ${MAX_COMPARE} models can be compared` : `Compare ${item.name}`}
        onChange={() => toggleCompare(item.id)}
      />
    </span>
  );
}

export function CatalogRow({
  item,
  selected,
  comparable = false,
  style,
  onSelect,
}: {
  item: CatalogItem;
  selected: boolean;
  comparable?: boolean;
  style: CSSProperties;
  onSelect(item: CatalogItem): void;
}) {
  const accuracySource = bestAccuracySource(item);
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`${gridClass(comparable)} catalog-row`}
      style={style}
      data-testid="catalog-row"
      data-model-id={item.id}
      onClick={() => onSelect(item)}
    >
      {comparable && <CompareBox item={item} />}
      <span className="cell-model">
        <span className="model-name" data-testid="row-name">
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
        <span className="num muted col-per-1m">—</span>
      ) : (
        <span className="num price-pair col-per-1m" data-testid="price-per-1m">
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
export function PlaceholderRow({ style, comparable = false }: { style: CSSProperties; comparable?: boolean }) {
  return (
    <div className={`${gridClass(comparable)} catalog-row placeholder`} style={style} aria-hidden="true" data-testid="catalog-row-placeholder">
      {comparable && <span />}
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton col-per-1m" />
      <span className="skeleton" />
      <span className="skeleton" />
    </div>
  );
}
