import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CatalogRow, CatalogListInput } from '../../src-shared/catalog';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

/** A catalog engine that pages and filters by task like the real one, over the given items. */
function catalogEngine(items: CatalogRow[], extra: Handlers = {}) {
  return fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': (input: CatalogListInput) => {
      const task = input.filters?.task;
      const matching = task ? items.filter((item) => item.tasks.includes(task)) : items;
      const offset = input.offset ?? 0;
      return { total: matching.length, items: matching.slice(offset, offset + (input.limit ?? 50)) };
    },
    'catalog.get': ({ id }) => {
      const item = items.find((candidate) => candidate.id === id);
      if (!item) throw { code: 'NOT_FOUND', message: `No model ${id}` };
      return item;
    },
    ...extra,
  });
}

describe('catalog', () => {
  it('lists models from catalog.list with count, price, accuracy and sources', async () => {
    const items = [
      makeCatalogItem({ name: 'Alpha Coder', producerName: 'Acme AI', tasks: ['code'] }),
      makeCatalogItem({ name: 'Beta Lawyer', producerName: 'Lex Labs', tasks: ['legal'] }),
      makeCatalogItem({ name: 'Gamma Chat', producerName: 'Acme AI', price: null }),
    ];
    renderWithTransport(<UserApp />, catalogEngine(items));

    const rows = await screen.findAllByTestId('catalog-row');
    expect(rows.map((row) => row.getAttribute('data-model-id'))).toEqual(items.map((item) => item.id));
    expect(screen.getByTestId('catalog-count').textContent).toBe('3 models');

    const first = within(rows[0]!);
    expect(first.getByText('Alpha Coder')).toBeTruthy();
    expect(first.getByText('Acme AI')).toBeTruthy();
    expect(first.getByText('code', { selector: '.chip' })).toBeTruthy();
    // Without a task the figure is the best task's, and names it.
    expect(first.getByTestId('row-accuracy').getAttribute('data-task')).toBe('code');
    expect(first.getByTestId('row-accuracy').textContent).toMatch(/code$/);
    // 1,000 × 2.5 cr/1M + 500 × 10 cr/1M = 0.0075 cr, formatted from integer micro-credits.
    const cost = first.getByTestId('reference-cost');
    expect(cost.textContent).toBe('0.0075 cr');
    expect(cost.getAttribute('title')).toBe('0.0075 cr: cost of a reference call: 1,000 input + 500 output tokens');
    const perMillion = [...first.getByTestId('price-per-1m').children].map((line) => line.textContent);
    expect(perMillion).toEqual(['in 2.5 cr', 'out 10 cr']);
    expect(rows[0]!.textContent).toContain('91.5 %');
    expect(rows[0]!.textContent).toContain('1,250 ms');
    expect(first.getAllByTestId('source-badge').map((badge) => badge.textContent)).toEqual(['measured', 'claimed']);
    expect(within(rows[2]!).getByTestId('reference-cost').textContent).toBe('—');
    expect(rows[2]!.textContent).toContain('unpriced');

    const list = screen.getByTestId('catalog-list');
    expect(list.getAttribute('role')).toBe('grid');
  });

  it('renders only the visible rows of a large catalog and fetches pages as it scrolls', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) => makeCatalogItem({ name: `Bulk ${i}` }));
    const transport = catalogEngine(items);
    renderWithTransport(<UserApp />, transport);

    await screen.findAllByTestId('catalog-row');
    expect(screen.getByTestId('catalog-count').textContent).toBe('1,000 models');
    expect(screen.getAllByTestId('catalog-row').length).toBeLessThan(60);
    const offsets = () => (transport.callsOf('catalog.list') as CatalogListInput[]).map((input) => input.offset);
    expect(offsets()).toEqual([0]);
    expect((transport.callsOf('catalog.list')[0] as CatalogListInput).limit).toBe(100);

    const list = screen.getByTestId('catalog-list').querySelector<HTMLElement>('.catalog-scroll')!;
    list.scrollTop = 52 * 550;
    fireEvent.scroll(list);
    await screen.findByText('Bulk 550');
    expect(offsets()).toContain(500);
    expect(offsets()).not.toContain(900);
  });

  it('filters by task through catalog.list and shows the empty state that clears filters', async () => {
    const transport = catalogEngine([makeCatalogItem({ tasks: ['code'] })]);
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');

    fireEvent.change(screen.getByTestId('task-filter'), { target: { value: 'medical' } });
    const empty = await screen.findByTestId('catalog-empty');
    expect(empty.textContent).toContain('No models match');
    expect(screen.getByTestId('catalog-count').textContent).toBe('0 models');
    expect(transport.callsOf('catalog.list').at(-1)).toMatchObject({ filters: { task: 'medical' } });

    fireEvent.click(screen.getByTestId('clear-filters'));
    await screen.findAllByTestId('catalog-row');
    expect((screen.getByTestId('task-filter') as HTMLSelectElement).value).toBe('');
  });

  it('sends the search text once typing pauses, not per keystroke', async () => {
    vi.useFakeTimers();
    try {
      const transport = catalogEngine([makeCatalogItem()]);
      renderWithTransport(<UserApp />, transport);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0);
      });
      const search = screen.getByTestId('search');
      for (const text of ['l', 'la', 'law']) fireEvent.change(search, { target: { value: text } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(300);
      });
      const queries = (transport.callsOf('catalog.list') as CatalogListInput[]).map((input) => input.query);
      expect(queries).toEqual([undefined, 'law']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the sort choice in the query', async () => {
    const transport = catalogEngine([makeCatalogItem()]);
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');
    fireEvent.change(screen.getByTestId('sort'), { target: { value: 'price' } });
    await waitFor(() => expect(transport.callsOf('catalog.list').at(-1)).toMatchObject({ sort: 'price', offset: 0 }));
  });

  it('shows an error with its code and retries on demand', async () => {
    let fail = true;
    const item = makeCatalogItem({ name: 'Back Again' });
    const transport = catalogEngine([item], {
      'catalog.list': () => {
        if (fail) throw { code: 'NOT_READY', message: 'The engine is still loading the catalog' };
        return { total: 1, items: [item] };
      },
    });
    renderWithTransport(<UserApp />, transport);

    const error = await screen.findByTestId('catalog-error');
    expect(error.textContent).toContain('The engine is still loading the catalog');
    expect(screen.getByTestId('error-code').textContent).toBe('NOT_READY');
    expect(screen.queryByTestId('catalog-row')).toBeNull();

    fail = false;
    fireEvent.click(screen.getByTestId('retry'));
    expect(await screen.findByText('Back Again')).toBeTruthy();
    expect(screen.queryByTestId('catalog-error')).toBeNull();
  });

  it('shows a loading state until the first page arrives', async () => {
    let release: (value: { total: number; items: CatalogRow[] }) => void = () => undefined;
    const transport = catalogEngine([], {
      'catalog.list': () => new Promise((resolve) => (release = resolve)),
    });
    renderWithTransport(<UserApp />, transport);
    expect((await screen.findByTestId('catalog-loading')).textContent).toContain('Loading models');
    await act(async () => release({ total: 1, items: [makeCatalogItem({ name: 'Late' })] }));
    expect(await screen.findByText('Late')).toBeTruthy();
    expect(screen.queryByTestId('catalog-loading')).toBeNull();
  });

  it('re-fetches when the engine says the catalog changed', async () => {
    const items = [makeCatalogItem({ name: 'Old' })];
    const transport = catalogEngine(items);
    renderWithTransport(<UserApp />, transport);
    await screen.findByText('Old');

    items.push(makeCatalogItem({ name: 'Freshly Published' }));
    act(() => transport.emit('catalog.changed', { modelIds: [items[1]!.id], total: 2 }));
    expect(await screen.findByText('Freshly Published')).toBeTruthy();
    expect(screen.getByTestId('catalog-count').textContent).toBe('2 models');
  });

  it('opens a detail panel fed by catalog.get when a row is clicked', async () => {
    const item = makeCatalogItem({ name: 'Detailed', description: 'Writes contracts.', contextWindow: 200_000, version: '3.1' });
    const transport = catalogEngine([item]);
    renderWithTransport(<UserApp />, transport);
    fireEvent.click(await screen.findByTestId('catalog-row'));

    const detail = await screen.findByTestId('model-detail');
    await within(detail).findByText('Writes contracts.');
    expect(transport.callsOf('catalog.get')).toEqual([{ id: item.id }]);
    expect(detail.textContent).toContain('https://api.acme.test/v1');
    expect(detail.textContent).toContain(item.endpoint.model);
    expect(detail.textContent).toContain('200,000 tokens');
    expect(detail.textContent).toContain('version 3.1');
    expect(detail.textContent).toContain('4.37 / 5');
    const badges = within(detail).getAllByTestId('source-badge').map((b) => b.textContent);
    expect(badges).toEqual(expect.arrayContaining(['measured', 'claimed', 'reviews']));
    expect(screen.getByTestId('catalog-row').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByTestId('close-detail'));
    expect(screen.queryByTestId('model-detail')).toBeNull();
  });
});
