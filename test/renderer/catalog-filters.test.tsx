import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogListInput } from '../../src-shared/catalog';
import { buildCatalogQuery } from '../../src-renderer/src/catalog/filters';
import { INITIAL_CATALOG_VIEW } from '../../src-renderer/src/state/catalog-view';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { fakeKey, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

describe('filters → catalog.list input', () => {
  it('maps every filter to the engine’s filter, money and percentages as exact integers', () => {
    const { query, problems } = buildCatalogQuery({
      ...INITIAL_CATALOG_VIEW,
      queryText: '  triage ',
      task: 'support',
      industry: 'retail',
      producer: fakeKey('someProducer'),
      minCost: '0.0005',
      maxCost: '0.0029',
      minAccuracy: '80.5',
      maxLatency: '1,500',
      minRatingX100: 400,
      measuredOnly: true,
      sort: 'price',
    });
    expect(problems).toEqual({});
    expect(query).toEqual({
      query: 'triage',
      sort: 'price',
      filters: {
        task: 'support',
        industry: 'retail',
        producer: fakeKey('someProducer'),
        minCost: 500,
        maxCost: 2_900,
        minAccuracyBps: 8_050,
        maxLatencyP95Ms: 1_500,
        minRatingX100: 400,
        measuredOnly: true,
      },
    });
  });

  it('sends no filters at all when none is set', () => {
    expect(buildCatalogQuery(INITIAL_CATALOG_VIEW)).toEqual({ query: { sort: 'value' }, problems: {} });
  });

  it('leaves out and reports values that do not parse, and a max below the min', () => {
    const bad = buildCatalogQuery({ ...INITIAL_CATALOG_VIEW, minCost: '1,5', minAccuracy: '101', maxLatency: '2.5' });
    expect(bad.query.filters).toBeUndefined();
    expect(Object.keys(bad.problems).sort()).toEqual(['maxLatency', 'minAccuracy', 'minCost']);
    const crossed = buildCatalogQuery({ ...INITIAL_CATALOG_VIEW, minCost: '2', maxCost: '1' });
    expect(crossed.problems.maxCost).toBe('Max price is below min price.');
    expect(crossed.query.filters).toBeUndefined();
  });
});

describe('catalog filter bar', () => {
  function engine() {
    const items = [
      makeCatalogItem({ name: 'Retail Bot', producerName: 'Shop AI', producerKey: fakeKey('shopAi'), industries: ['retail'] }),
      makeCatalogItem({ name: 'Law Bot', producerName: 'Lex', producerKey: fakeKey('lexLabs'), industries: ['legal', 'insurance'] }),
    ];
    return fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: items.length, items }),
    });
  }
  const lastInput = (transport: ReturnType<typeof engine>) => transport.callsOf('catalog.list').at(-1) as CatalogListInput;

  it('offers the producers and industries seen, and sends what the user picks and types', async () => {
    const transport = engine();
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');

    const producers = [...(screen.getByTestId('filter-producer') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(producers).toEqual(['All', 'Lex', 'Shop AI']);
    const industries = [...(screen.getByTestId('filter-industry') as HTMLSelectElement).options].map((o) => o.value);
    expect(industries).toEqual(['', 'insurance', 'legal', 'retail']);

    fireEvent.change(screen.getByTestId('filter-industry'), { target: { value: 'retail' } });
    fireEvent.change(screen.getByTestId('filter-producer'), { target: { value: fakeKey('shopAi') } });
    fireEvent.change(screen.getByTestId('filter-rating'), { target: { value: '300' } });
    fireEvent.click(screen.getByTestId('filter-measured'));
    fireEvent.change(screen.getByTestId('filter-minCost'), { target: { value: '0.001' } });
    fireEvent.change(screen.getByTestId('filter-maxCost'), { target: { value: '1.25' } });
    fireEvent.change(screen.getByTestId('filter-minAccuracy'), { target: { value: '90' } });
    fireEvent.change(screen.getByTestId('filter-maxLatency'), { target: { value: '800' } });

    await waitFor(() =>
      expect(lastInput(transport).filters).toEqual({
        industry: 'retail',
        producer: fakeKey('shopAi'),
        minRatingX100: 300,
        measuredOnly: true,
        minCost: 1_000,
        maxCost: 1_250_000,
        minAccuracyBps: 9_000,
        maxLatencyP95Ms: 800,
      }),
    );
    expect(lastInput(transport).offset).toBe(0);

    fireEvent.click(screen.getByTestId('clear-all-filters'));
    await waitFor(() => expect(lastInput(transport).filters).toBeUndefined());
    expect((screen.getByTestId('filter-minCost') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('clear-all-filters') as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks a price that does not parse and keeps it out of the query', async () => {
    const transport = engine();
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');
    const calls = transport.callsOf('catalog.list').length;

    fireEvent.change(screen.getByTestId('filter-maxCost'), { target: { value: '0.1234567' } });
    const input = screen.getByTestId('filter-maxCost');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('filter-problem').textContent).toMatch(/at most 6 decimals/);
    await act(() => new Promise((done) => setTimeout(done, 400)));
    // The invalid text leaves the query as it was: no new request was needed.
    expect(transport.callsOf('catalog.list')).toHaveLength(calls);
  });
});
