import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { makePosition, makePriceChange } from './market-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

function pricingEngine(extra: Handlers = {}) {
  const item = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'My Priced Model', tasks: ['code'] });
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 1, items: [item] }),
    'catalog.get': () => item,
    'pricing.history': () => [makePriceChange(item.id, 1, item.price!, Date.now() - 86_400_000, true)],
    'pricing.position': ({ candidate }: CommandInput<'pricing.position'>) => makePosition(item, candidate),
    'pricing.set': ({ modelId, price, effectiveFrom }: CommandInput<'pricing.set'>) => ({
      ...makePriceChange(modelId, 2, price, effectiveFrom ?? Date.now(), effectiveFrom === undefined),
    }),
    ...extra,
  });
  renderWithTransport(<ProducerApp />, transport, 'pricing');
  return { item, transport };
}

const positionCalls = (transport: ReturnType<typeof pricingEngine>['transport']) => transport.callsOf('pricing.position') as CommandInput<'pricing.position'>[];

describe('pricing console', () => {
  it('starts from the price in force and the market position without a candidate', async () => {
    const { item, transport } = pricingEngine();
    const editor = await screen.findByTestId('price-editor');
    expect((within(editor).getByTestId('price-inputPer1M') as HTMLInputElement).value).toBe('2.5');
    expect((within(editor).getByTestId('price-outputPer1M') as HTMLInputElement).value).toBe('10');
    expect(screen.getByTestId('current-reference-cost').textContent).toBe('0.0075 cr');
    await screen.findByTestId('market-position');
    expect(positionCalls(transport)[0]).toEqual({ modelId: item.id });
    expect(screen.getByTestId('frontier-range').textContent).toContain('0.008999 cr');
    expect(screen.getByTestId('dominated-by').getAttribute('data-count')).toBe('0');
  });

  it('asks pricing.position about the typed candidate, in exact micro-credits, once typing pauses', async () => {
    const { item, transport } = pricingEngine();
    await screen.findByTestId('market-position');
    fireEvent.change(screen.getByTestId('price-inputPer1M'), { target: { value: '1.25' } });
    fireEvent.change(screen.getByTestId('price-outputPer1M'), { target: { value: '0.29' } });
    fireEvent.change(screen.getByTestId('price-perRequest'), { target: { value: '0.000001' } });
    // 1000 × 1.25 + 500 × 0.29 credits per 1M + 1 micro = 1250 + 145 + 1 micro.
    expect(screen.getByTestId('price-candidate-cost').textContent).toContain('0.001396 cr');

    await waitFor(() => expect(positionCalls(transport).some((call) => call.candidate !== undefined)).toBe(true));
    const withCandidate = positionCalls(transport).filter((call) => call.candidate !== undefined);
    // Debounced: the half-typed intermediate prices never reach the engine.
    expect(withCandidate).toEqual([{ modelId: item.id, candidate: { inputPer1M: 1_250_000, outputPer1M: 290_000, perRequest: 1 } }]);
    expect(await screen.findByTestId('candidate-quartile')).toBeTruthy();
    expect(screen.getByTestId('candidate-rank').textContent).toBe('#1 of 3');
    const scatter = screen.getByTestId('position-scatter');
    expect(within(scatter).getAllByTestId('position-scatter-point').filter((p) => p.getAttribute('data-mark') === 'candidate')).toHaveLength(1);
    expect(within(scatter).getByTestId('position-scatter-frontier')).toBeTruthy();
  });

  it('saves with pricing.set and says when the price is in force', async () => {
    const { item, transport } = pricingEngine();
    await screen.findByTestId('price-editor');
    fireEvent.change(screen.getByTestId('price-inputPer1M'), { target: { value: '0.3' } });
    fireEvent.click(screen.getByTestId('price-save'));
    const saved = await screen.findByTestId('price-saved');
    expect(transport.callsOf('pricing.set')).toEqual([{ modelId: item.id, price: { inputPer1M: 300_000, outputPer1M: 10_000_000, perRequest: 0 } }]);
    expect(saved.textContent).toMatch(/in force now/);
  });

  it('sends a chosen start time as effectiveFrom', async () => {
    const { transport } = pricingEngine();
    await screen.findByTestId('price-editor');
    fireEvent.change(screen.getByTestId('price-effectiveFrom'), { target: { value: '2031-05-01T09:30' } });
    fireEvent.click(screen.getByTestId('price-save'));
    await screen.findByTestId('price-saved');
    const input = transport.callsOf('pricing.set')[0] as CommandInput<'pricing.set'>;
    expect(input.effectiveFrom).toBe(new Date('2031-05-01T09:30').getTime());
    expect(screen.getByTestId('price-saved').textContent).toMatch(/scheduled from/);
  });

  it('does not call pricing.set while a component does not parse', async () => {
    const { transport } = pricingEngine();
    await screen.findByTestId('price-editor');
    fireEvent.change(screen.getByTestId('price-outputPer1M'), { target: { value: '1,5' } });
    fireEvent.click(screen.getByTestId('price-save'));
    expect(screen.getByTestId('price-outputPer1M-error').textContent).toMatch(/use a dot/);
    expect(transport.callsOf('pricing.set')).toEqual([]);
  });

  it('shows the engine’s INVALID_INPUT on the field its issue path names', async () => {
    pricingEngine({
      'pricing.set': () => {
        throw {
          code: 'INVALID_INPUT',
          message: 'effectiveFrom is in the past: a price change may start now or later',
          details: { issues: [{ path: 'effectiveFrom', message: 'must not be in the past' }] },
        };
      },
    });
    await screen.findByTestId('price-editor');
    fireEvent.change(screen.getByTestId('price-effectiveFrom'), { target: { value: '2001-01-01T00:00' } });
    fireEvent.click(screen.getByTestId('price-save'));
    expect((await screen.findByTestId('price-effectiveFrom-error')).textContent).toBe('must not be in the past');
    const error = screen.getByTestId('price-error');
    expect(within(error).getByTestId('error-code').textContent).toBe('INVALID_INPUT');
    expect(within(error).getByTestId('form-error-issue').getAttribute('data-path')).toBe('effectiveFrom');
  });

  it('maps a price.* issue path onto its price field', async () => {
    pricingEngine({
      'pricing.set': () => {
        throw { code: 'INVALID_INPUT', message: 'Invalid input at price.perRequest', details: { issues: [{ path: 'price.perRequest', message: 'too big for this marketplace' }] } };
      },
    });
    await screen.findByTestId('price-editor');
    fireEvent.click(screen.getByTestId('price-save'));
    expect((await screen.findByTestId('price-perRequest-error')).textContent).toBe('too big for this marketplace');
  });

  it('shows FORBIDDEN with its code', async () => {
    pricingEngine({
      'pricing.set': () => {
        throw { code: 'FORBIDDEN', message: 'Only the producer of this model can change it' };
      },
    });
    await screen.findByTestId('price-editor');
    fireEvent.click(screen.getByTestId('price-save'));
    const error = await screen.findByTestId('price-error');
    expect(error.textContent).toContain('Only the producer of this model can change it');
    expect(within(error).getByTestId('error-code').textContent).toBe('FORBIDDEN');
  });

  it('lists the price history and re-reads it when the catalog changes', async () => {
    const { item, transport } = pricingEngine();
    expect(await screen.findAllByTestId('price-history-row')).toHaveLength(1);
    transport.handlers['pricing.history'] = () => [
      makePriceChange(item.id, 1, item.price!, Date.now() - 86_400_000, false),
      makePriceChange(item.id, 2, { ...item.price!, inputPer1M: 300_000 }, Date.now() - 1_000, true),
    ];
    act(() => transport.emit('catalog.changed', { modelIds: [item.id], total: 1 }));
    await waitFor(() => expect(screen.getAllByTestId('price-history-row')).toHaveLength(2));
    expect(screen.getAllByTestId('price-history-row')[0]!.getAttribute('data-current')).toBe('true');
    expect(screen.getByTestId('pricing-chart')).toBeTruthy();
  });

  it('teaches a producer without models to publish one first', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 0, items: [] }),
    });
    renderWithTransport(<ProducerApp />, transport, 'pricing');
    const empty = await screen.findByTestId('pricing-empty');
    expect(empty.textContent).toMatch(/Publish a model first/);
    fireEvent.click(screen.getByTestId('pricing-new-model'));
    expect(await screen.findByTestId('listing-form')).toBeTruthy();
    expect(useUiStore.getState().screen).toBe('my-models');
  });
});
