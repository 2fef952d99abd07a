import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
});
