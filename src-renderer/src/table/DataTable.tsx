import { Fragment, useMemo, useState, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** The heading's tooltip: what the figure means, its unit or scale. */
  title?: string;
  cell(row: T): ReactNode;
  /** Given: the column sorts (click or Enter/Space on its heading). */
  sortValue?(row: T): number | string | bigint;
  numeric?: boolean;
  /** Extra attributes of the row's cell (test ids, data-*); a className adds to `num`. */
  cellProps?(row: T): HTMLAttributes<HTMLTableCellElement> & Record<`data-${string}`, unknown>;
}

type Direction = 'ascending' | 'descending';

function compare(a: number | string | bigint, b: number | string | bigint): number {
  if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one table of the renderer: headings that sort by mouse and keyboard (native buttons, with
 * aria-sort), numbers right-aligned and never wrapped, and a frame that scrolls sideways inside its
 * card instead of widening the page. Sorting is stable and starts from the order given.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  label,
  testId,
  compact = false,
  className,
  initialSort,
  rowProps,
  empty,
  onRowActivate,
  caption,
  footer,
  detail,
}: {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  rowKey(row: T): string;
  /** The table's accessible name. */
  label: string;
  testId?: string;
  compact?: boolean;
  className?: string;
  initialSort?: { key: string; direction: Direction };
  rowProps?(row: T): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, unknown>;
  empty?: ReactNode;
  /** Given: every row is a stop in the Tab order and opens by click, Enter or Space. */
  onRowActivate?(row: T): void;
  /** A visible title inside the table (its accessible name stays `label`). */
  caption?: ReactNode;
  /** Rows of a tfoot (totals): they stay below the sorted body. */
  footer?: ReactNode;
  /** A row's details, shown on a full-width row under it (and moving with it) while not null. */
  detail?(row: T): ReactNode | null;
}) {
  const [sort, setSort] = useState<{ key: string; direction: Direction } | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !column?.sortValue) return rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return rows
      .map((row, index) => ({ row, index, value: column.sortValue!(row) }))
      .sort((a, b) => sign * compare(a.value, b.value) || a.index - b.index)
      .map((entry) => entry.row);
  }, [rows, columns, sort]);

  const toggle = (column: Column<T>) =>
    setSort((current) =>
      current?.key === column.key
        ? { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Numbers open with the largest first, words from A.
          { key: column.key, direction: column.numeric ? 'descending' : 'ascending' },
    );

  const activation = (row: T): HTMLAttributes<HTMLTableRowElement> =>
    onRowActivate
      ? {
          className: 'clickable',
          tabIndex: 0,
          onClick: () => onRowActivate(row),
          onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => {
            // Only the row's own keys: Enter on a button inside it belongs to the button.
            if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
            event.preventDefault();
            onRowActivate(row);
          },
        }
      : {};

  return (
    <div className="table-frame">
      <table className={`data-table${compact ? ' compact' : ''}${className ? ` ${className}` : ''}`} aria-label={label} data-testid={testId}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined} title={column.title} aria-sort={column.sortValue ? (active ?? 'none') : undefined}>
                  {column.sortValue ? (
                    <button type="button" className="sort-button" data-testid={`sort-${column.key}`} data-active={active !== undefined} onClick={() => toggle(column)}>
                      {column.header}
                      <span aria-hidden="true">{active === 'ascending' ? ' ↑' : active === 'descending' ? ' ↓' : ''}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <Fragment key={rowKey(row)}>
                <Row own={activation(row)} given={rowProps?.(row)}>
                  {columns.map((column) => {
                    const { className: extra, ...props } = column.cellProps?.(row) ?? {};
                    const className = [column.numeric ? 'num' : '', extra ?? ''].filter(Boolean).join(' ');
                    return (
                      <td key={column.key} className={className || undefined} {...props}>
                        {column.cell(row)}
                      </td>
                    );
                  })}
                </Row>
                <Detail content={detail?.(row) ?? null} span={columns.length} />
              </Fragment>
            ))
          )}
        </tbody>
        {footer !== undefined && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}

/** A body row: the attributes the caller gives win, its className adds to the table's own. */
function Row({ own, given, children }: { own: HTMLAttributes<HTMLTableRowElement>; given?: HTMLAttributes<HTMLTableRowElement>; children: ReactNode }) {
  const className = [own.className, given?.className].filter(Boolean).join(' ');
  return (
    <tr {...own} {...given} className={className || undefined}>
      {children}
    </tr>
  );
}

function Detail({ content, span }: { content: ReactNode; span: number }) {
  if (content === null) return null;
  return (
    <tr className="nested-row">
      <td colSpan={span}>{content}</td>
    </tr>
  );
}
