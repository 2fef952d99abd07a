import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { makePosition, makePriceChange } from './market-fixtures';
import { renderWithTransport } from './render-app';
import { makeProjection } from './rewards-fixtures';

withLayout();

function pricingWithProjection() {
  const item = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'My Priced Model', tasks: ['code'] });
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 1, items: [item] }),
    'catalog.get': () => item,
    'pricing.history': () => [makePriceChange(item.id, 1, item.price!, Date.now() - 86_400_000, true)],
    'pricing.position': ({ candidate }: CommandInput<'pricing.position'>) => makePosition(item, candidate),
    'rewards.projection': ({ modelId, candidate }: CommandInput<'rewards.projection'>) => makeProjection(modelId, candidate),
  });
  renderWithTransport(<ProducerApp />, transport, 'pricing');
  return { item, transport };
}

const projectionCalls = (transport: ReturnType<typeof pricingWithProjection>['transport']) => transport.callsOf('rewards.projection') as CommandInput<'rewards.projection'>[];

describe('one pricing screen with its projection', () => {
  it('projects the price in the editor on the pricing screen, and the candidate once typing pauses', async () => {
    const { item, transport } = pricingWithProjection();
    const card = await screen.findByTestId('pricing-projection');
    await within(card).findByTestId('projection-table');
    expect(projectionCalls(transport)[0]).toEqual({ modelId: item.id, candidate: item.price });

    fireEvent.change(screen.getByTestId('price-inputPer1M'), { target: { value: '1.25' } });
    fireEvent.change(screen.getByTestId('price-outputPer1M'), { target: { value: '0.29' } });
    const candidate = { inputPer1M: 1_250_000, outputPer1M: 290_000, perRequest: item.price!.perRequest };
    await waitFor(() => expect(projectionCalls(transport).at(-1)).toEqual({ modelId: item.id, candidate }));
    // Debounced like the market position: the half-typed price never reaches the engine.
    expect(projectionCalls(transport).filter((c) => c.candidate.inputPer1M === 1_250_000)).toHaveLength(1);
    expect(within(card).getByTestId('projection-table')).toBeTruthy();
  });

  it('projects nothing for an invalid price and says what to do', async () => {
    const { transport } = pricingWithProjection();
    const card = await screen.findByTestId('pricing-projection');
    await within(card).findByTestId('projection-table');
    const before = projectionCalls(transport).length;
    fireEvent.change(screen.getByTestId('price-inputPer1M'), { target: { value: 'abc' } });
    await waitFor(() => expect(within(card).queryByTestId('projection-table')).toBeNull());
    expect(card.textContent).toContain('Type a valid price to project it.');
    expect(projectionCalls(transport)).toHaveLength(before);
  });
});
