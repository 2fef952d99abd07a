import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogListInput, CatalogRow } from '../../src-shared/catalog';
import { hashOf, patchOf, routeStateOf } from '../../src-renderer/src/nav/route';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeSummary } from './review-fixtures';

withLayout();

function engine(items: CatalogRow[]) {
  return fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': (input: CatalogListInput) => {
      const task = input.filters?.task;
      const matching = task ? items.filter((item) => item.tasks.includes(task)) : items;
      return { total: matching.length, items: matching.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 50)) };
    },
    'catalog.get': ({ id }) => items.find((item) => item.id === id) ?? Promise.reject({ code: 'NOT_FOUND', message: `No model ${id}` }),
    'pricing.history': () => [],
    'reviews.summary': ({ modelId }) => makeSummary(modelId),
    'reviews.list': () => ({ total: 0, items: [] }),
    'reviews.mine': () => [],
    'evals.reports': () => [],
    'ledger.entries': () => ({ total: 0, items: [], totals: { credits: 0, debits: 0, net: 0 } }),
  });
}

const USER_SCREENS = ['catalog', 'model', 'compare', 'ledger', 'transparency', 'playground'] as const;

describe('hash routes', () => {
  it('give every view one URL and read it back, ids with any character included', () => {
    const base = routeStateOf(useUiStore.getState());
    const cases = [
      { ...base, screen: 'model' as const, modelPageId: 'k'.repeat(43) + ':retail-chat' },
      { ...base, screen: 'compare' as const, compareIds: ['a:x', 'b:y', 'c:z'], compareTask: 'chat' },
      { ...base, screen: 'ledger' as const, ledgerEntry: 'ab/cd+ef' },
      { ...base, screen: 'transparency' as const, epoch: 42 },
      { ...base, screen: 'playground' as const },
    ];
    for (const state of cases) {
      const hash = hashOf(state);
      const patch = patchOf(`#${hash}`, USER_SCREENS)!;
      expect(hashOf({ ...base, ...patch })).toBe(hash);
    }
    expect(hashOf(cases[0]!)).toBe(`/model/${'k'.repeat(43)}%3Aretail-chat`);
    expect(hashOf(cases[1]!)).toBe('/compare?ids=a%3Ax%2Cb%3Ay%2Cc%3Az&task=chat');
  });

  it('ignores a hash of another window or a typo, and caps a compare set at six', () => {
    expect(patchOf('#/pricing/x', USER_SCREENS)).toBeNull();
    expect(patchOf('#/nonsense', USER_SCREENS)).toBeNull();
    expect(patchOf('#/model/', USER_SCREENS)).toBeNull();
    expect(patchOf('#/transparency/-3', USER_SCREENS)).toEqual({ screen: 'transparency', epoch: null });
    expect(patchOf('#/compare?ids=1,2,3,4,5,6,7,1', USER_SCREENS)?.compareIds).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('opens the view a URL names when the window starts, and follows Back', async () => {
    const items = [makeCatalogItem({ name: 'Alpha' }), makeCatalogItem({ name: 'Beta' })];
    window.history.replaceState(null, '', `/#/model/${encodeURIComponent(items[1]!.id)}`);
    renderWithTransport(<UserApp />, engine(items));
    expect((await screen.findByTestId('model-page-name')).textContent).toContain('Beta');

    fireEvent.click(screen.getByTestId('model-page-catalog'));
    await screen.findAllByTestId('catalog-row');
    expect(window.location.hash).toBe('#/catalog');
    act(() => window.history.back());
    await waitFor(() => expect(screen.getByTestId('model-page-name').textContent).toContain('Beta'));
  });
});

describe('the catalog by keyboard', () => {
  it('moves a cursor with the arrows, previews, opens the page with Enter and ticks compare with Space', async () => {
    const items = [makeCatalogItem({ name: 'Alpha' }), makeCatalogItem({ name: 'Beta' })];
    renderWithTransport(<UserApp />, engine(items));
    const grid = (await screen.findAllByTestId('catalog-row')) && screen.getByTestId('catalog-list');
    expect(grid.getAttribute('role')).toBe('grid');
    expect(grid.getAttribute('aria-activedescendant')).toBeNull();

    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    const active = await waitFor(() => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')!);
    expect(active.getAttribute('data-model-id')).toBe(items[1]!.id);
    expect((await screen.findByTestId('model-detail')).textContent).toContain('Beta');

    fireEvent.keyDown(grid, { key: ' ' });
    expect(useUiStore.getState().compareIds).toEqual([items[1]!.id]);

    // Esc closes the preview; the cursor stays.
    fireEvent.keyDown(grid, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('model-detail')).toBeNull());

    fireEvent.keyDown(grid, { key: 'Enter' });
    expect((await screen.findByTestId('model-page-name')).textContent).toContain('Beta');
    expect(window.location.hash).toBe(`#/model/${encodeURIComponent(items[1]!.id)}`);
  });

  it('sorts from the column headers and labels the figure with the chosen task', async () => {
    const items = [makeCatalogItem({ name: 'Alpha' })];
    const transport = engine(items);
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');
    // The default sort (best value) is the one heading marked sorted.
    const sorted = () => screen.getAllByRole('columnheader').filter((h) => h.getAttribute('aria-sort'));
    expect(sorted()).toEqual([screen.getByTestId('sort-value').closest('[role="columnheader"]')]);

    fireEvent.click(screen.getByTestId('sort-accuracy'));
    await waitFor(() => expect(transport.callsOf('catalog.list').at(-1)).toMatchObject({ sort: 'accuracy' }));
    expect(sorted()).toEqual([screen.getByTestId('sort-accuracy').closest('[role="columnheader"]')]);
    expect(sorted()[0]!.getAttribute('aria-sort')).toBe('descending');

    fireEvent.change(screen.getByTestId('task-filter'), { target: { value: 'chat' } });
    await waitFor(() => expect(screen.getByTestId('sort-accuracy').textContent).toContain('Accuracy · chat'));
    const row = (await screen.findAllByTestId('catalog-row'))[0]!;
    // The chat figure (80 %), not the best task's (code, 91.5 %).
    await waitFor(() => expect(within(row).getByTestId('row-accuracy').textContent).toContain('80 %'));
    expect(within(row).getByTestId('row-accuracy').textContent).not.toContain('91.5');
  });
});
