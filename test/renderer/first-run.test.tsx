import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { DEMO_MARKETPLACE, makeCatalogItem, makeHealth, type MarketplaceInfo } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

describe('first run', () => {
  it('says what the app is for, shows progress while the demo is made, then offers the first prompt', async () => {
    let marketplace: MarketplaceInfo | null = null;
    let finish: () => void = () => undefined;
    const transport = fakeTransport({
      'system.health': () => makeHealth(marketplace),
      'settings.get': () => ({ theme: 'system' }),
      'marketplace.openDemo': () =>
        new Promise((done) => {
          finish = () => done((marketplace = DEMO_MARKETPLACE));
        }),
      'catalog.list': () => ({ total: 1, items: [makeCatalogItem({ name: 'Demo Coder' })] }),
    });
    renderWithTransport(<UserApp />, transport);
    expect((await screen.findByTestId('onboarding')).textContent).toMatch(/right AI model for each job/);
    expect(screen.queryByTestId('open-demo-progress')).toBeNull();
    fireEvent.click(screen.getByTestId('open-demo'));
    expect((await screen.findByTestId('open-demo-progress')).getAttribute('role')).toBe('status');
    act(() => finish());
    expect((await screen.findByTestId('first-steps')).textContent).toMatch(/ready/);
    fireEvent.click(screen.getByTestId('first-route'));
    await screen.findByTestId('playground');
    expect(window.location.hash).toBe('#/playground');
    // Once used, the first steps do not come back.
    fireEvent.click(screen.getByTestId('nav-catalog'));
    await screen.findAllByTestId('catalog-row');
    expect(screen.queryByTestId('first-steps')).toBeNull();
  });

  it('explains every bad filter, not only the first', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 1, items: [makeCatalogItem()] }),
    });
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');
    fireEvent.change(screen.getByTestId('filter-minCost'), { target: { value: '0.0000001' } });
    fireEvent.change(screen.getByTestId('filter-minAccuracy'), { target: { value: '120' } });
    fireEvent.change(screen.getByTestId('filter-maxLatency'), { target: { value: 'fast' } });
    const problem = await screen.findByTestId('filter-problem');
    expect(problem.textContent).toMatch(/^3 filters not applied/);
    expect(problem.querySelectorAll('.filter-problem-item')).toHaveLength(3);
  });

  it('shows one banner while the engine cannot be reached, and drops it when the engine answers', async () => {
    let down = false;
    const transport = fakeTransport({
      'system.health': () => {
        if (down) throw { code: 'NOT_READY', message: 'Cannot reach the InfiniRoute engine (fetch failed). Is infiniroute serve running?' };
        return makeHealth();
      },
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 1, items: [makeCatalogItem()] }),
    });
    renderWithTransport(<UserApp />, transport);
    await screen.findAllByTestId('catalog-row');
    expect(screen.queryByTestId('engine-banner')).toBeNull();
    down = true;
    act(() => transport.emit('catalog.changed', { modelIds: [], total: 1 }));
    const banner = await screen.findByTestId('engine-banner');
    expect(screen.getAllByRole('alert').filter((a) => a.dataset.testid === 'engine-banner')).toHaveLength(1);
    down = false;
    fireEvent.click(retryButton(banner));
    await waitFor(() => expect(screen.queryByTestId('engine-banner')).toBeNull());
  });
});

function retryButton(banner: HTMLElement): HTMLElement {
  return banner.querySelector('button')!;
}
