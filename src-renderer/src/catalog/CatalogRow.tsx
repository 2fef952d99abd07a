import type { CSSProperties } from 'react';
import type { CatalogRow as CatalogItem, CatalogSort } from '../../../src-shared/catalog';
import { REFERENCE_CALL_TOOLTIP } from '../format/metrics';
import { formatBpsPercent, formatCount, formatMoney, formatMs, formatPrice } from '../format/numbers';
import { SourceBadge } from '../shell/SourceBadge';
import { MAX_COMPARE, useUiStore } from '../state/ui-store';
import { accuracyFigure, type CatalogSorting } from './columns';

export const ROW_HEIGHT = 52;

const gridClass = (comparable: boolean) => `catalog-grid${comparable ? ' comparable' : ''}`;

/** Which way each sort orders, for aria-sort: the engine sorts each key one way only. */
const SORT_ORDER: Partial<Record<CatalogSort, 'ascending' | 'descending'>> = {
  name: 'ascending',
  price: 'ascending',
  accuracy: 'descending',
  value: 'descending',
  latency: 'ascending',
};

function Heading({ label, sort, sorting, title, className }: { label: string; sort?: CatalogSort; sorting?: CatalogSorting; title?: string; className?: string }) {
  const active = sorting !== undefined && sort !== undefined && sorting.sort === sort;
  return (
    <span role="columnheader" className={className} title={title} aria-sort={active ? SORT_ORDER[sort] : undefined}>
      {sorting && sort ? (
        <button type="button" className="sort-button" data-testid={`sort-${sort}`} data-active={active} onClick={() => sorting.onSort(sort)}>
          {label}
          <span aria-hidden="true">{active ? (SORT_ORDER[sort] === 'ascending' ? ' ↑' : ' ↓') : ''}</span>
        </button>
      ) : (
        label
      )}
    </span>
  );
}

/** Column headings, in the order CatalogRow renders its cells; the grid template lives in the CSS. */
export function CatalogHeader({ comparable, sorting, task }: { comparable: boolean; sorting?: CatalogSorting; task: string | null }) {
  return (
    <div className={`${gridClass(comparable)} catalog-header`} role="row" aria-rowindex={1}>
      {comparable && <Heading label="Cmp" title={`Tick 2–${MAX_COMPARE} models to compare them`} />}
      <Heading label="Model" sort="name" sorting={sorting} />
      <Heading label="Tasks" className="col-tasks" />
      <Heading label="Per 1M in / out" sort="price" sorting={sorting} className="num" title="Price per million input / output tokens. Sorting by price uses the reference call." />
      <Heading label="Reference call" className="num col-reference" title={REFERENCE_CALL_TOOLTIP} />
      <Heading
        label={task ? `Value · ${task}` : 'Value'}
        sort="value"
        sorting={sorting}
        className="num col-value"
        title="Rank by value (accuracy per credit of the reference call) among the task's priced models; the score is in each cell's tooltip"
      />
      <Heading
        label={task ? `Accuracy · ${task}` : 'Best accuracy'}
        sort="accuracy"
        sorting={sorting}
        className="num"
        title={task ? `Accuracy on ${task}` : 'Each model’s accuracy on its best task, named under the figure'}
      />
      <Heading label="p95 latency" sort="latency" sorting={sorting} className="num" />
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
    <span role="gridcell" className="cell-compare" onClick={(event) => event.stopPropagation()}>
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
  index,
  rowId,
  selected,
  active,
  comparable = false,
  task,
  style,
  onSelect,
}: {
  item: CatalogItem;
  index: number;
  rowId: string;
  selected: boolean;
  /** The keyboard cursor (aria-activedescendant) is on this row. */
  active: boolean;
  comparable?: boolean;
  task: string | null;
  style: CSSProperties;
  onSelect(item: CatalogItem): void;
}) {
  const accuracy = accuracyFigure(item, task);
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`${gridClass(comparable)} catalog-row${active ? ' active' : ''}`}
      style={style}
      data-testid="catalog-row"
      data-model-id={item.id}
      onClick={() => onSelect(item)}
    >
      {comparable && <CompareBox item={item} />}
      <span role="gridcell" className="cell-model">
        <span className="model-name" data-testid="row-name" title={item.name}>
          {item.name}
          {item.retired && <span className="badge badge-retired">retired</span>}
        </span>
        <span className="muted producer-name" title={item.producerName}>
          {item.producerName}
        </span>
      </span>
      <span role="gridcell" className="chips col-tasks" title={item.tasks.join(', ')}>
        {item.tasks.map((task) => (
          <span key={task} className="chip">
            {task}
          </span>
        ))}
      </span>
      {item.price === null ? (
        <span role="gridcell" className="num muted">
          unpriced
        </span>
      ) : (
        <span
          role="gridcell"
          className="num price-pair"
          data-testid="price-per-1m"
          title={`input ${formatMoney(item.price.inputPer1M)} · output ${formatMoney(item.price.outputPer1M)} per 1M tokens`}
        >
          <span>
            <span className="muted">in</span> {formatPrice(item.price.inputPer1M)}
          </span>
          <span>
            <span className="muted">out</span> {formatPrice(item.price.outputPer1M)}
          </span>
        </span>
      )}
      <span role="gridcell" className="num col-reference" title={item.referenceCost === null ? undefined : `${formatMoney(item.referenceCost)}: ${REFERENCE_CALL_TOOLTIP}`} data-testid="reference-cost">
        {item.referenceCost === null ? <span className="muted">—</span> : formatPrice(item.referenceCost)}
      </span>
      <ValueCell item={item} task={task} />
      <span role="gridcell" className="num figure-cell" data-testid="row-accuracy" data-task={accuracy.task ?? ''}>
        {accuracy.bps === null ? (
          <span className="muted">no figure</span>
        ) : (
          <>
            <span>
              {formatBpsPercent(accuracy.bps)} {accuracy.source && <SourceBadge source={accuracy.source} />}
            </span>
            {task === null && accuracy.task && <span className="muted figure-task">{accuracy.task}</span>}
          </>
        )}
      </span>
      <span role="gridcell" className="num">
        {formatMs(item.metrics.latencyP95Ms.value)} <SourceBadge source={item.metrics.latencyP95Ms.source} />
      </span>
    </div>
  );
}

/** "#3 of 10" with the task it ranks in; the score itself in the tooltip. */
function ValueCell({ item, task }: { item: CatalogItem; task: string | null }) {
  const f = item.figure;
  const current = f && (task === null ? f.scope === 'best' : f.scope === 'task' && f.task === task);
  if (!current || f.valueRank === null) {
    return (
      <span role="gridcell" className="num muted col-value" data-testid="row-value">
        —
      </span>
    );
  }
  return (
    <span
      role="gridcell"
      className="num figure-cell col-value"
      data-testid="row-value"
      data-rank={f.valueRank}
      title={`Value score ${formatCount(f.valueScore)} (accuracy per credit) in ${f.task}: #${f.valueRank} of ${f.valueOf} priced models`}
    >
      <span>
        #{formatCount(f.valueRank)} <span className="muted">of {formatCount(f.valueOf)}</span>
      </span>
      {task === null && f.task && <span className="muted figure-task">{f.task}</span>}
    </span>
  );
}

/** A row whose page is still on its way: same height, so the scrollbar never jumps. */
export function PlaceholderRow({ style, comparable = false }: { style: CSSProperties; comparable?: boolean }) {
  return (
    <div className={`${gridClass(comparable)} catalog-row placeholder`} style={style} aria-hidden="true" data-testid="catalog-row-placeholder">
      {comparable && <span />}
      <span className="skeleton" />
      <span className="skeleton col-tasks" />
      <span className="skeleton" />
      <span className="skeleton col-reference" />
      <span className="skeleton col-value" />
      <span className="skeleton" />
      <span className="skeleton" />
    </div>
  );
}
