import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogRow } from '../../src-shared/catalog';
import type { CommandInput } from '../../src-shared/contract';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeCatalogItem, makeHealth } from './fixtures';
import { makeCompareOutput } from './market-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

const metrics = (code: number, source: 'claimed' | 'measured') => ({
  ...makeCatalogItem().metrics,
  accuracyBps: { code: { value: code, source } },
});

function models(): CatalogRow[] {
  return [
    makeCatalogItem({ name: 'Cheap Coder', price: { inputPer1M: 500_000, outputPer1M: 1_500_000, perRequest: 0 }, metrics: metrics(7_000, 'claimed') }),
    makeCatalogItem({ name: 'Best Coder', price: { inputPer1M: 3_000_000, outputPer1M: 9_000_000, perRequest: 2_000 }, metrics: metrics(9_400, 'measured') }),
    makeCatalogItem({ name: 'Mid Coder', price: { inputPer1M: 1_000_000, outputPer1M: 2_000_000, perRequest: 100 }, metrics: metrics(8_000, 'claimed') }),
    makeCatalogItem({ name: 'Unpicked', metrics: metrics(5_000, 'claimed') }),
  ];
}

function engine(items: CatalogRow[]) {
  return fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: items.length, items }),
    'catalog.get': ({ id }) => items.find((item) => item.id === id)!,
    'catalog.compare': ({ ids, workload }: CommandInput<'catalog.compare'>) =>
      makeCompareOutput(
        ids.map((id) => items.find((item) => item.id === id)!),
        workload,
      ),
    'pricing.history': () => [],
    'ledger.entries': () => ({ total: 0, items: [], totals: { credits: 0, debits: 0, net: 0 } }),
  });
}

async function pickThreeAndCompare() {
  const items = models();
  const transport = engine(items);
  renderWithTransport(<UserApp />, transport);
  const boxes = await screen.findAllByTestId('compare-checkbox');
  fireEvent.click(boxes[0]!);
  fireEvent.click(boxes[1]!);
  fireEvent.click(boxes[2]!);
  const tray = screen.getByTestId('compare-tray');
  await waitFor(() => expect(within(tray).getAllByTestId('compare-tray-item').map((chip) => chip.textContent)).toEqual(['Cheap Coder×', 'Best Coder×', 'Mid Coder×']));
  // Ticking a box does not open the model page.
  expect(screen.queryByTestId('model-detail')).toBeNull();
  fireEvent.click(screen.getByTestId('compare-open'));
  await screen.findByTestId('compare-table');
  return { items, transport };
}

describe('comparison', () => {
  it('needs two models before Compare is offered', async () => {
    renderWithTransport(<UserApp />, engine(models()));
    fireEvent.click((await screen.findAllByTestId('compare-checkbox'))[0]!);
    expect((screen.getByTestId('compare-open') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('nav-compare'));
    expect((await screen.findByTestId('compare-empty')).textContent).toMatch(/Pick 2 to 6 models/);
  });

  it('calls catalog.compare with the ids and highlights each row’s best cells with their sources', async () => {
    const { items, transport } = await pickThreeAndCompare();
    expect(transport.callsOf('catalog.compare')[0]).toEqual({
      ids: [items[0]!.id, items[1]!.id, items[2]!.id],
      workload: { inputTokens: 1_000, outputTokens: 500, requestsPerMonth: 10_000 },
    });
    const header = screen.getAllByTestId('compare-model').map((th) => th.getAttribute('data-model-id'));
    expect(header).toEqual([items[0]!.id, items[1]!.id, items[2]!.id]);

    const row = (key: string) => screen.getAllByTestId('compare-row').find((r) => r.getAttribute('data-key') === key)!;
    const best = (key: string) => within(row(key)).getAllByTestId('compare-cell').filter((c) => c.getAttribute('data-best') === 'true');

    const cheapest = best('referenceCost');
    expect(cheapest.map((c) => c.getAttribute('data-model-id'))).toEqual([items[0]!.id]);
    // 1,000 × 0.5 + 500 × 1.5 credits per 1M = 0.00125 cr.
    expect(cheapest[0]!.textContent).toBe('0.00125 cr');
    expect(cheapest[0]!.className).toContain('best');

    const accurate = best('accuracyBps');
    expect(accurate.map((c) => c.getAttribute('data-model-id'))).toEqual([items[1]!.id]);
    expect(accurate[0]!.textContent).toBe('94 % measured');
    const sources = within(row('accuracyBps')).getAllByTestId('source-badge').map((b) => b.textContent);
    expect(sources).toEqual(['claimed', 'measured', 'claimed']);

    expect(best('ratingX100')).toEqual([]);
    expect(within(row('ratingX100')).getAllByTestId('compare-cell').map((c) => c.textContent)).toEqual(['no reviews yet', 'no reviews yet', 'no reviews yet']);
  });

  it('shows the cost of a typed workload per request and per month, cheapest highlighted', async () => {
    const { items, transport } = await pickThreeAndCompare();
    fireEvent.change(screen.getByTestId('workload-input'), { target: { value: '2,000' } });
    fireEvent.change(screen.getByTestId('workload-output'), { target: { value: '333' } });
    fireEvent.change(screen.getByTestId('workload-requests'), { target: { value: '5000' } });
    await waitFor(() =>
      expect(transport.callsOf('catalog.compare').at(-1)).toMatchObject({ workload: { inputTokens: 2_000, outputTokens: 333, requestsPerMonth: 5_000 } }),
    );
    await waitFor(() => expect(screen.getByTestId('workload-echo').textContent).toContain('2,000 input + 333 output'));

    const rows = screen.getAllByTestId('workload-row');
    const cell = (i: number, id: string) => within(rows[i]!).getByTestId(id).textContent;
    // Cheap: ceil(2000 × 0.5) + ceil(333 × 1.5) = 1000 + 500 (499.5 rounded up) = 1500 micro.
    expect(cell(0, 'workload-per-request')).toBe('0.0015 cr');
    expect(cell(0, 'workload-per-month')).toBe('7.5 cr');
    // Best: 6000 + 2997 + 2000 = 10,997 micro; × 5000 = 54,985,000.
    expect(cell(1, 'workload-per-request')).toBe('0.010997 cr');
    expect(cell(1, 'workload-per-month')).toBe('54.985 cr');
    // Mid: 2000 + 666 + 100 = 2,766 micro.
    expect(cell(2, 'workload-per-request')).toBe('0.002766 cr');
    expect(rows.map((r) => r.getAttribute('data-cheapest'))).toEqual(['true', 'false', 'false']);
    expect(rows[0]!.getAttribute('data-model-id')).toBe(items[0]!.id);
    expect(within(rows[0]!).getByText('cheapest')).toBeTruthy();
  });

  it('marks a workload field that is not a whole number and keeps the last good result', async () => {
    const { transport } = await pickThreeAndCompare();
    const calls = transport.callsOf('catalog.compare').length;
    fireEvent.change(screen.getByTestId('workload-requests'), { target: { value: '1.5' } });
    expect(screen.getByTestId('workload-requests').getAttribute('aria-invalid')).toBe('true');
    await new Promise((done) => setTimeout(done, 400));
    expect(transport.callsOf('catalog.compare')).toHaveLength(calls);
    expect(screen.getAllByTestId('workload-row')).toHaveLength(3);
  });

  it('draws the task’s scatter with the frontier as a line and the compared models marked and labelled', async () => {
    await pickThreeAndCompare();
    const scatter = screen.getByTestId('compare-scatter');
    const frontier = within(scatter).getByTestId('compare-scatter-frontier');
    expect(frontier.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    const marked = within(scatter).getAllByTestId('compare-scatter-point').filter((p) => p.getAttribute('data-mark') === 'compared');
    expect(marked).toHaveLength(3);
    expect(within(scatter).getAllByTestId('compare-scatter-label').map((l) => l.textContent)).toEqual(['Cheap Coder', 'Best Coder', 'Mid Coder']);
  });

  it('adds a model from its page and removes one from the table', async () => {
    const items = models();
    renderWithTransport(<UserApp />, engine(items));
    fireEvent.click((await screen.findAllByTestId('catalog-row'))[3]!);
    const toggle = await screen.findByTestId('compare-toggle');
    expect(toggle.textContent).toBe('Add to compare');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('nav-compare').textContent).toBe('Compare (1)');
    fireEvent.click(screen.getAllByTestId('compare-checkbox')[0]!);
    fireEvent.click(screen.getByTestId('compare-open'));
    await screen.findByTestId('compare-table');
    expect(screen.getAllByTestId('compare-model').map((th) => th.getAttribute('data-model-id'))).toEqual([items[3]!.id, items[0]!.id]);
    fireEvent.click(screen.getByRole('button', { name: `Remove ${items[3]!.name} from compare` }));
    expect(await screen.findByTestId('compare-empty')).toBeTruthy();
  });
});
