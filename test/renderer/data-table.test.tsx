import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DailyBarChart } from '../../src-renderer/src/charts/DailyBarChart';
import { ScatterChart } from '../../src-renderer/src/charts/ScatterChart';
import { DataTable, type Column } from '../../src-renderer/src/table/DataTable';

interface Row {
  name: string;
  amount: number;
}

const ROWS: Row[] = [
  { name: 'beta', amount: 20 },
  { name: 'alpha', amount: 300 },
  { name: 'gamma', amount: 20 },
];
const COLUMNS: Array<Column<Row>> = [
  { key: 'name', header: 'Name', cell: (r) => r.name, sortValue: (r) => r.name },
  { key: 'amount', header: 'Amount', numeric: true, cell: (r) => r.amount, sortValue: (r) => r.amount },
  { key: 'note', header: 'Note', cell: () => '—' },
];

const names = () => screen.getAllByRole('row').slice(1).map((r) => r.firstElementChild!.textContent);
const sortOf = (name: string) => screen.getByRole('columnheader', { name: new RegExp(name) }).getAttribute('aria-sort');

describe('DataTable', () => {
  afterEach(cleanup);

  it('keeps the given order until a heading is chosen, then sorts stably both ways', () => {
    render(<DataTable rows={ROWS} columns={COLUMNS} rowKey={(r) => r.name} label="Amounts" />);
    expect(names()).toEqual(['beta', 'alpha', 'gamma']);
    expect(sortOf('Amount')).toBe('none');
    // A column without sortValue offers no sorting at all.
    expect(sortOf('Note')).toBeNull();

    fireEvent.click(screen.getByTestId('sort-amount'));
    expect(names()).toEqual(['alpha', 'beta', 'gamma']);
    expect(sortOf('Amount')).toBe('descending');
    fireEvent.click(screen.getByTestId('sort-amount'));
    // Ties keep the order they came in.
    expect(names()).toEqual(['beta', 'gamma', 'alpha']);
    expect(sortOf('Amount')).toBe('ascending');

    fireEvent.click(screen.getByTestId('sort-name'));
    expect(names()).toEqual(['alpha', 'beta', 'gamma']);
    expect(sortOf('Name')).toBe('ascending');
    expect(sortOf('Amount')).toBe('none');
  });

  it('sorts from the keyboard: the headings are buttons in the Tab order', () => {
    render(<DataTable rows={ROWS} columns={COLUMNS} rowKey={(r) => r.name} label="Amounts" />);
    const heading = screen.getByTestId('sort-amount');
    expect(heading.tagName).toBe('BUTTON');
    heading.focus();
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('table', { name: 'Amounts' })).toBeTruthy();
    expect(screen.getAllByRole('cell').filter((c) => c.classList.contains('num')).map((c) => c.textContent)).toEqual(['20', '300', '20']);
  });

  it('opens a row by click, Enter or Space when rows are activatable, and only from the row itself', () => {
    const opened: string[] = [];
    const columns: Array<Column<Row>> = [...COLUMNS, { key: 'act', header: 'Action', cell: (r) => <button type="button">{`edit ${r.name}`}</button> }];
    render(<DataTable rows={ROWS} columns={columns} rowKey={(r) => r.name} label="Amounts" onRowActivate={(r) => opened.push(r.name)} rowProps={(r) => ({ className: 'extra', 'aria-selected': r.name === 'alpha' })} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '0', '0']);
    // The caller's className adds to the row's own; its aria-selected is kept.
    expect(rows[1]!.className).toBe('clickable extra');
    expect(rows[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(rows[0]!.firstElementChild!);
    fireEvent.keyDown(rows[1]!, { key: 'Enter' });
    fireEvent.keyDown(rows[2]!, { key: ' ' });
    fireEvent.keyDown(rows[2]!, { key: 'a' });
    // Enter on a control inside the row is the control's, not the row's.
    fireEvent.keyDown(screen.getByRole('button', { name: 'edit gamma' }), { key: 'Enter' });
    expect(opened).toEqual(['beta', 'alpha', 'gamma']);
  });

  it('keeps rows inert without onRowActivate and merges a cell className with num', () => {
    const columns: Array<Column<Row>> = [COLUMNS[0]!, { ...COLUMNS[1]!, cellProps: (r) => ({ className: r.amount > 100 ? 'negative' : undefined, 'data-testid': 'amount' }) }];
    render(<DataTable rows={ROWS} columns={columns} rowKey={(r) => r.name} label="Amounts" />);
    expect(screen.getAllByRole('row').slice(1).map((r) => [r.getAttribute('tabindex'), r.className])).toEqual([
      [null, ''],
      [null, ''],
      [null, ''],
    ]);
    expect(screen.getAllByTestId('amount').map((c) => c.className)).toEqual(['num', 'num negative', 'num']);
  });

  it('shows a caption and keeps the footer rows below the sorted body', () => {
    render(
      <DataTable
        rows={ROWS}
        columns={COLUMNS}
        rowKey={(r) => r.name}
        label="Amounts"
        caption="Amounts by name"
        footer={
          <tr>
            <th scope="row">Total</th>
            <td className="num">340</td>
            <td />
          </tr>
        }
      />,
    );
    const table = screen.getByRole('table', { name: 'Amounts' });
    expect(table.querySelector('caption')!.textContent).toBe('Amounts by name');
    fireEvent.click(screen.getByTestId('sort-amount'));
    const all = screen.getAllByRole('row').map((r) => r.firstElementChild!.textContent);
    expect(all).toEqual(['Name', 'alpha', 'beta', 'gamma', 'Total']);
    expect(table.querySelector('tfoot')!.textContent).toBe('Total340');
  });

  it('shows a row’s details on a full-width row under it, which moves with the row when sorted', () => {
    render(<DataTable rows={ROWS} columns={COLUMNS} rowKey={(r) => r.name} label="Amounts" detail={(r) => (r.name === 'alpha' ? `about ${r.name}` : null)} />);
    const texts = () => screen.getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(texts()).toEqual(['beta20—', 'alpha300—', 'about alpha', 'gamma20—']);
    const detail = screen.getByText('about alpha');
    expect(detail.getAttribute('colspan')).toBe('3');
    fireEvent.click(screen.getByTestId('sort-amount'));
    expect(texts()).toEqual(['alpha300—', 'about alpha', 'beta20—', 'gamma20—']);
  });

  it('gives every chart a table of the same values, one press away and back', () => {
    const points = [
      { id: 'a', name: 'Cheap', cost: 900, accuracyBps: 7_000, onFrontier: true },
      { id: 'b', name: 'Good', cost: 2_500, accuracyBps: 9_150, onFrontier: true, mark: 'compared' as const },
    ];
    render(<ScatterChart points={points} frontier={points} testId="scatter" label="Price versus accuracy for chat" />);
    expect(screen.getByTestId('scatter')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chart-as-table'));
    expect(screen.getByTestId('chart-as-table').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('scatter')).toBeNull();
    const rows = screen.getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Cheap', '0.0009 cr', '70 %', 'yes'],
      ['Good', '0.0025 cr', '91.5 %', 'yes'],
    ]);
    fireEvent.click(screen.getByTestId('chart-as-table'));
    expect(screen.getByTestId('scatter')).toBeTruthy();
  });

  it('lists a bar chart by day, only the days with an amount', () => {
    const day = Date.UTC(2026, 11, 1);
    render(<DailyBarChart days={[day, day + 86_400_000, day + 2 * 86_400_000]} series={[{ key: 'spend', label: 'Spend', values: [0, 1_500, 0] }]} testId="spend" label="Daily spend" />);
    fireEvent.click(screen.getByTestId('chart-as-table'));
    const rows = screen.getByTestId('spend-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lastElementChild!.textContent).toBe('0.0015 cr');
  });
});
