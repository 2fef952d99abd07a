import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogRow } from '../../src-shared/catalog';
import type { CommandInput } from '../../src-shared/contract';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

function consoleEngine(items: CatalogRow[], extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: items.length, items }),
    'catalog.get': ({ id }) => items.find((item) => item.id === id)!,
    'pricing.history': () => [],
    'ledger.entries': () => ({ total: 0, items: [], totals: { credits: 0, debits: 0, net: 0 } }),
    'models.publish': (input: CommandInput<'models.publish'>) => makeCatalogItem({ producerKey: IDENTITY_KEY, slug: input.slug, name: input.name }),
    ...extra,
  });
  renderWithTransport(<ProducerApp />, transport, 'my-models');
  return transport;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fillNewListing() {
  type('listing-name', 'Ticket Sorter 3B');
  fireEvent.click(screen.getByTestId('listing-task-support'));
  type('listing-task-custom', 'ticket-routing');
  fireEvent.click(screen.getByTestId('listing-task-add'));
  type('listing-industries', 'retail');
  type('listing-baseUrl', 'https://api.example.com/v1');
  type('listing-endpointModel', 'sorter-3b');
  type('listing-accuracy-support', '82.5');
  type('listing-accuracy-ticket-routing', '79');
  type('listing-latencyP50', '250');
  type('listing-latencyP95', '700');
  type('listing-successRate', '99.9');
  type('listing-throughput', '150');
  type('listing-priceIn', '0.2');
  type('listing-priceOut', '0.6');
}

describe('listing form', () => {
  it('publishes a new model with the exact models.publish payload and shows it selected', async () => {
    const transport = consoleEngine([]);
    fireEvent.click(await screen.findByTestId('new-model'));
    await screen.findByTestId('listing-form');
    fillNewListing();
    // The slug follows the name until typed by hand.
    expect((screen.getByTestId('listing-slug') as HTMLInputElement).value).toBe('ticket-sorter-3b');
    fireEvent.click(screen.getByTestId('listing-submit'));

    await waitFor(() => expect(transport.callsOf('models.publish')).toHaveLength(1));
    expect(transport.callsOf('models.publish')[0]).toEqual({
      slug: 'ticket-sorter-3b',
      name: 'Ticket Sorter 3B',
      description: '',
      tasks: ['support', 'ticket-routing'],
      industries: ['retail'],
      modality: 'text',
      contextWindow: 32_768,
      endpoint: { baseUrl: 'https://api.example.com/v1', model: 'sorter-3b' },
      version: '1.0.0',
      claimed: { accuracyBps: { support: 8_250, 'ticket-routing': 7_900 }, latencyP50Ms: 250, latencyP95Ms: 700, successRateBps: 9_990, throughputTps: 150 },
      price: { inputPer1M: 200_000, outputPer1M: 600_000, perRequest: 0 },
    });
    await waitFor(() => expect(screen.queryByTestId('listing-form')).toBeNull());
    expect(await screen.findByTestId('model-detail')).toBeTruthy();
  });

  it('refuses to send an incomplete listing and marks each field', async () => {
    const transport = consoleEngine([]);
    fireEvent.click(await screen.findByTestId('new-model'));
    fireEvent.click(await screen.findByTestId('listing-submit'));
    expect(screen.getByTestId('listing-invalid').textContent).toMatch(/Fix the \d+ fields/);
    expect(screen.getByTestId('listing-name-error').textContent).toBe('Give the model a name.');
    expect(screen.getByTestId('listing-tasks-error').textContent).toMatch(/at least one task/);
    expect(screen.getByTestId('listing-baseUrl').getAttribute('aria-invalid')).toBe('true');
    expect(transport.callsOf('models.publish')).toEqual([]);
  });

  it('puts the engine’s INVALID_INPUT issues on the fields their paths name', async () => {
    consoleEngine([], {
      'models.publish': () => {
        throw {
          code: 'INVALID_INPUT',
          message: 'Invalid input at endpoint.baseUrl: must be an http(s) URL',
          details: { issues: [{ path: 'endpoint.baseUrl', message: 'must be an http(s) URL' }, { path: 'claimed.accuracyBps.support', message: 'Too big' }] },
        };
      },
    });
    fireEvent.click(await screen.findByTestId('new-model'));
    fillNewListing();
    fireEvent.click(screen.getByTestId('listing-submit'));
    expect((await screen.findByTestId('listing-baseUrl-error')).textContent).toBe('must be an http(s) URL');
    expect(screen.getByTestId('listing-accuracy-support-error').textContent).toBe('Too big');
    const error = screen.getByTestId('listing-error');
    expect(within(error).getByTestId('error-code').textContent).toBe('INVALID_INPUT');
    expect(within(error).getAllByTestId('form-error-issue').map((li) => li.getAttribute('data-path'))).toEqual(['endpoint.baseUrl', 'claimed.accuracyBps.support']);
  });

  it('edits an existing listing: same slug, no price, fields prefilled', async () => {
    const mine = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'Old Name', slug: 'old-name', tasks: ['code'] });
    const transport = consoleEngine([mine]);
    fireEvent.click(await screen.findByTestId('catalog-row'));
    fireEvent.click(await screen.findByTestId('edit-model'));
    const form = await screen.findByTestId('listing-form');
    expect(form.getAttribute('data-mode')).toBe('edit');
    expect(screen.queryByTestId('listing-slug')).toBeNull();
    expect(screen.queryByTestId('listing-priceIn')).toBeNull();
    // Code accuracy and success rate are measured: their fields say the start value is not the claim.
    expect(screen.getAllByText(/Starts from the measured figure/)).toHaveLength(2);
    type('listing-name', 'New Name');
    fireEvent.click(screen.getByTestId('listing-submit'));
    await waitFor(() => expect(transport.callsOf('models.publish')).toHaveLength(1));
    const input = transport.callsOf('models.publish')[0] as CommandInput<'models.publish'>;
    expect(input).toMatchObject({ slug: 'old-name', name: 'New Name', tasks: ['code'], claimed: { accuracyBps: { code: 9_150 } } });
    expect('price' in input).toBe(false);
  });

  it('retires a model only after confirmation', async () => {
    const mine = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'Going Away' });
    const transport = consoleEngine([mine], { 'models.retire': () => ({ ...mine, retired: true }) });
    fireEvent.click(await screen.findByTestId('catalog-row'));
    fireEvent.click(await screen.findByTestId('retire'));
    const confirm = screen.getByTestId('retire-confirm');
    expect(confirm.textContent).toContain('Retire Going Away?');
    expect(transport.callsOf('models.retire')).toEqual([]);
    fireEvent.click(within(confirm).getByTestId('retire-confirm-button'));
    await waitFor(() => expect(transport.callsOf('models.retire')).toEqual([{ modelId: mine.id }]));
  });
});
