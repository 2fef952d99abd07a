import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { DEMO_MARKETPLACE, makeCatalogItem, makeHealth, type MarketplaceInfo } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

/** An engine whose data folder starts empty, like a first start. */
function emptyEngine() {
  let marketplace: MarketplaceInfo | null = null;
  const items = [makeCatalogItem({ name: 'Demo Coder' })];
  const transport = fakeTransport({
    'system.health': () => makeHealth(marketplace),
    'settings.get': () => ({ theme: 'system' }),
    'marketplace.openDemo': () => (marketplace = DEMO_MARKETPLACE),
    'marketplace.create': (input) =>
      (marketplace = {
        ...DEMO_MARKETPLACE,
        name: input.name,
        feeBps: input.feeBps ?? 0,
        epochSeconds: input.epochSeconds ?? 0,
        graceSeconds: input.graceSeconds ?? 0,
      }),
    'catalog.list': () => ({ total: items.length, items }),
  });
  return transport;
}

describe('first start', () => {
  it('offers onboarding when there is no marketplace: the demo, a new one, or joining one by invite', async () => {
    renderWithTransport(<UserApp />, emptyEngine());
    await screen.findByTestId('onboarding');
    expect(screen.getByTestId('open-demo')).toBeTruthy();
    expect(screen.getByTestId('create-marketplace')).toBeTruthy();
    expect(screen.getByTestId('join-marketplace')).toBeTruthy();
    expect(screen.getByRole('button', { name: /join marketplace/i })).toBeTruthy();
    expect(screen.queryByTestId('catalog')).toBeNull();
  });

  it('opens the demo marketplace and then shows the catalog', async () => {
    const transport = emptyEngine();
    renderWithTransport(<UserApp />, transport);
    fireEvent.click(await screen.findByTestId('open-demo'));

    await screen.findByTestId('catalog');
    expect(transport.callsOf('marketplace.openDemo')).toEqual([{}]);
    const openIndex = transport.calls.findIndex((c) => c.name === 'marketplace.openDemo');
    const listIndex = transport.calls.findIndex((c) => c.name === 'catalog.list');
    expect(listIndex).toBeGreaterThan(openIndex);
    expect(screen.queryByTestId('onboarding')).toBeNull();
    expect(await screen.findByText('Demo Coder')).toBeTruthy();
    expect(screen.getByTestId('status-marketplace').textContent).toBe('Demo marketplace');
  });

  it('shows why opening the demo failed and stays on onboarding', async () => {
    const transport = emptyEngine();
    transport.handlers['marketplace.openDemo'] = () => {
      throw { code: 'CONFLICT', message: 'This data folder already holds a marketplace' };
    };
    renderWithTransport(<UserApp />, transport);
    fireEvent.click(await screen.findByTestId('open-demo'));
    const error = await screen.findByTestId('open-demo-error');
    expect(error.textContent).toContain('already holds a marketplace');
    expect(error.textContent).toContain('CONFLICT');
    expect(screen.getByTestId('onboarding')).toBeTruthy();
  });

  it('validates the create form inline and sends exact integers', async () => {
    const transport = emptyEngine();
    renderWithTransport(<UserApp />, transport);
    await screen.findByTestId('create-marketplace');

    fireEvent.change(screen.getByTestId('marketplace-fee'), { target: { value: '50.123' } });
    fireEvent.click(screen.getByTestId('create-submit'));
    expect(await screen.findByTestId('marketplace-name-error')).toBeTruthy();
    expect(screen.getByTestId('marketplace-fee-error').textContent).toMatch(/two decimals/);
    expect(transport.callsOf('marketplace.create')).toEqual([]);

    fireEvent.change(screen.getByTestId('marketplace-name'), { target: { value: '  Acme Exchange ' } });
    fireEvent.change(screen.getByTestId('marketplace-fee'), { target: { value: '2.5' } });
    fireEvent.change(screen.getByTestId('marketplace-epoch'), { target: { value: '0.5' } });
    fireEvent.change(screen.getByTestId('marketplace-grace'), { target: { value: '1.5' } });
    expect(screen.queryByTestId('marketplace-fee-error')).toBeNull();
    fireEvent.click(screen.getByTestId('create-submit'));

    await screen.findByTestId('catalog');
    expect(transport.callsOf('marketplace.create')).toEqual([
      { name: 'Acme Exchange', feeBps: 250, epochSeconds: 43_200, graceSeconds: 5_400 },
    ]);
    await waitFor(() => expect(screen.getByTestId('status-marketplace').textContent).toBe('Acme Exchange'));
  });

  it('shows the engine’s refusal of a create under the form', async () => {
    const transport = emptyEngine();
    transport.handlers['marketplace.create'] = () => {
      throw { code: 'INVALID_INPUT', message: 'name: too long' };
    };
    renderWithTransport(<UserApp />, transport);
    fireEvent.change(await screen.findByTestId('marketplace-name'), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByTestId('create-submit'));
    const error = await screen.findByTestId('create-error');
    expect(error.textContent).toContain('INVALID_INPUT');
    expect(screen.getByTestId('onboarding')).toBeTruthy();
  });
});
