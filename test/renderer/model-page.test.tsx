import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogRow } from '../../src-shared/catalog';
import type { Handlers } from './fake-transport';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeCatalogItem, makeHealth } from './fixtures';
import { makeCharge, makePriceChange } from './market-fixtures';
import { renderWithTransport } from './render-app';
import { makeSummary } from './review-fixtures';

withLayout();

const DAY = 86_400_000;

function openModel(item: CatalogRow, extra: Handlers) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 1, items: [item] }),
    'catalog.get': () => item,
    'pricing.history': () => [],
    'ledger.entries': () => ({ total: 0, items: [], totals: { credits: 0, debits: 0, net: 0 } }),
    'reviews.summary': ({ modelId }) => makeSummary(modelId),
    'reviews.list': () => ({ total: 0, items: [] }),
    'reviews.mine': () => [],
    'evals.reports': () => [],
    ...extra,
  });
  renderWithTransport(<UserApp />, transport);
  return transport;
}

async function detail() {
  fireEvent.click(await screen.findByTestId('catalog-row'));
  return screen.findByTestId('model-detail');
}

describe('model page', () => {
  it('charts the reference-call price over time, the price in force marked', async () => {
    const item = makeCatalogItem();
    const now = Date.now();
    const old = { inputPer1M: 3_000_000, outputPer1M: 12_000_000, perRequest: 0 };
    openModel(item, {
      'pricing.history': () => [makePriceChange(item.id, 1, old, now - 30 * DAY, false), makePriceChange(item.id, 2, item.price!, now - 5 * DAY, true)],
    });
    const page = await detail();
    const chart = await within(page).findByTestId('price-chart');
    expect(within(chart).getByTestId('price-chart-line').getAttribute('d')).toMatch(/^M.+ L.+ L.+ L.+$/);
    expect(within(chart).getByTestId('price-chart-current').textContent).toBe('now 0.0075 cr');
    expect(chart.getAttribute('aria-label')).toContain('now 0.0075 cr');
  });

  it('draws a scheduled price change dashed, after now', async () => {
    const item = makeCatalogItem();
    const now = Date.now();
    openModel(item, {
      'pricing.history': () => [
        makePriceChange(item.id, 1, item.price!, now - 10 * DAY, true),
        makePriceChange(item.id, 2, { ...item.price!, inputPer1M: 1_000_000 }, now + 3 * DAY, false),
      ],
    });
    const page = await detail();
    expect(await within(page).findByTestId('price-chart-scheduled')).toBeTruthy();
  });

  it('says "no reviews yet" until a review counts, from reviews.summary', async () => {
    const item = makeCatalogItem();
    const transport = openModel(item, {});
    const page = await detail();
    const reviews = await within(page).findByTestId('review-summary');
    expect(reviews.getAttribute('data-state')).toBe('empty');
    expect(reviews.textContent).toMatch(/No reviews yet/);
    expect(transport.callsOf('reviews.summary')).toEqual([{ modelId: item.id }]);
  });

  it('shows the Bayesian average with one decimal once reviews exist', async () => {
    const item = makeCatalogItem();
    openModel(item, { 'reviews.summary': () => makeSummary(item.id, { count: 3, verified: 2, averageX100: 437, meanX100: 467, histogram: [0, 0, 0, 1, 2] }) });
    const reviews = await within(await detail()).findByTestId('review-summary');
    expect(reviews.getAttribute('data-state')).toBe('rated');
    expect(within(reviews).getByTestId('review-average').textContent).toBe('4.4');
    expect(within(reviews).getByTestId('stars').getAttribute('aria-label')).toBe('4.4 of 5 stars');
  });

  it('lists the model’s recent charges from ledger.entries: time, amount, tokens', async () => {
    const item = makeCatalogItem();
    const transport = openModel(item, {
      'ledger.entries': () => ({
        total: 2,
        items: [makeCharge(item.id, 1_700_000_100_000, 12_345, 1_200, 480), makeCharge(item.id, 1_700_000_000_000, 7_500, 1_000, 500)],
        totals: { credits: 0, debits: 0, net: 0 },
      }),
    });
    const page = await detail();
    const rows = await within(page).findAllByTestId('model-activity-row');
    expect(transport.callsOf('ledger.entries')).toEqual([{ modelId: item.id, limit: 10 }]);
    expect(rows).toHaveLength(2);
    const cells = [...rows[0]!.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells[1]).toBe('0.012345 cr');
    expect(cells[2]).toBe('1,200 / 480');
    expect(cells[0]).toMatch(/2023/);
  });

  it('has an empty state when nobody has called the model', async () => {
    openModel(makeCatalogItem(), {});
    const page = await detail();
    expect((await within(page).findByTestId('model-activity-empty')).textContent).toMatch(/No calls charged/);
  });

  it('keeps the page working when the ledger cannot answer, and says why', async () => {
    openModel(makeCatalogItem({ name: 'Still Here' }), {
      'ledger.entries': () => {
        throw { code: 'INTERNAL', message: 'Internal error' };
      },
    });
    const page = await detail();
    const error = await within(page).findByTestId('model-activity-error');
    expect(error.textContent).toContain('Recent activity is unavailable: Internal error');
    expect(within(error).getByTestId('error-code').textContent).toBe('INTERNAL');
    expect(within(page).getByTestId('model-detail-name').textContent).toContain('Still Here');
    expect(within(page).getByTestId('model-metrics')).toBeTruthy();
  });

  it('follows catalog.changed: a new price shows without reopening the page', async () => {
    const item = makeCatalogItem();
    let current = item;
    const transport = openModel(item, { 'catalog.get': () => current, 'catalog.list': () => ({ total: 1, items: [current] }) });
    const page = await detail();
    expect(within(page).getByTestId('model-reference-cost').textContent).toBe('0.0075 cr');
    current = { ...item, price: { inputPer1M: 1_000_000, outputPer1M: 2_000_000, perRequest: 0 }, referenceCost: 2_000 };
    act(() => transport.emit('catalog.changed', { modelIds: [item.id], total: 1 }));
    await waitFor(() => expect(within(page).getByTestId('model-reference-cost').textContent).toBe('0.002 cr'));
    await waitFor(() => expect(screen.getByTestId('catalog-row').textContent).toContain('0.002 cr'));
  });

  it('offers no price editor in the user window', async () => {
    openModel(makeCatalogItem(), {});
    await detail();
    expect(screen.queryByTestId('price-editor')).toBeNull();
    expect(screen.queryByTestId('open-pricing')).toBeNull();
  });
});
