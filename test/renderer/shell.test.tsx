import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

describe('window frame', () => {
  it('shows only the UNAUTHORIZED screen when the engine refuses the token', async () => {
    const transport = fakeTransport({
      'system.health': () => {
        throw { code: 'UNAUTHORIZED', message: 'The engine refused the access token.' };
      },
      'settings.get': () => {
        throw { code: 'UNAUTHORIZED', message: 'The engine refused the access token.' };
      },
    });
    renderWithTransport(<UserApp />, transport);
    const screenEl = await screen.findByTestId('unauthorized');
    expect(screenEl.textContent).toMatch(/open the URL printed by infiniroute serve/i);
    expect(screen.queryByTestId('onboarding')).toBeNull();
  });

  it('shows other start-up failures with their code and a working Retry', async () => {
    let fail = true;
    const transport = fakeTransport({
      'system.health': () => {
        if (fail) throw { code: 'NOT_READY', message: 'Cannot reach the InfiniRoute engine' };
        return makeHealth(null);
      },
      'settings.get': () => ({ theme: 'system' }),
    });
    renderWithTransport(<UserApp />, transport);
    const error = await screen.findByTestId('health-error');
    expect(error.textContent).toContain('NOT_READY');
    fail = false;
    fireEvent.click(screen.getByTestId('retry'));
    expect(await screen.findByTestId('onboarding')).toBeTruthy();
  });

  it('re-reads everything after the event stream reconnects', async () => {
    let marketplace: ReturnType<typeof makeHealth>['marketplace'] = null;
    const transport = fakeTransport({
      'system.health': () => makeHealth(marketplace),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 0, items: [] }),
    });
    renderWithTransport(<UserApp />, transport);
    await screen.findByTestId('onboarding');

    // Another window opened the demo while our event stream was down: no marketplace.changed arrived.
    marketplace = makeHealth().marketplace;
    act(() => transport.reconnect());
    expect(await screen.findByTestId('catalog')).toBeTruthy();
  });
});
