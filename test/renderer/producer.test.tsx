import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogListInput } from '../../src-shared/catalog';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

describe('producer console', () => {
  it('lists the local identity’s own models, retired ones included', async () => {
    const mine = [
      makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'My Live Model' }),
      makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'My Old Model', retired: true }),
    ];
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: mine.length, items: mine }),
    });
    renderWithTransport(<ProducerApp />, transport, 'my-models');

    const rows = await screen.findAllByTestId('catalog-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('retired');
    expect(screen.getByTestId('catalog-count').textContent).toBe('2 models');
    const input = transport.callsOf('catalog.list')[0] as CatalogListInput;
    expect(input.filters).toEqual({ producer: IDENTITY_KEY, includeRetired: true });
    expect(screen.getByTestId('nav-my-models').getAttribute('aria-current')).toBe('page');
  });

  it('tells a new producer what listing a model means, without fake buttons', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 0, items: [] }),
    });
    renderWithTransport(<ProducerApp />, transport, 'my-models');

    const empty = await screen.findByTestId('producer-empty');
    expect(empty.textContent).toContain('You have no models listed in this marketplace yet.');
    expect(empty.textContent).toMatch(/signed with your key/);
    expect(empty.textContent).toMatch(/every user/);
    expect(empty.querySelector('button')).toBeNull();
  });

  it('points to the user window when no marketplace exists', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(null),
      'settings.get': () => ({ theme: 'system' }),
    });
    renderWithTransport(<ProducerApp />, transport, 'my-models');

    const message = await screen.findByTestId('no-marketplace');
    expect(message.textContent).toMatch(/user window/);
    expect(transport.callsOf('catalog.list')).toEqual([]);
    expect(screen.queryByTestId('nav-my-models')).toBeNull();
  });

  it('shows the identity’s short key and the marketplace in the status line', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 0, items: [] }),
    });
    renderWithTransport(<ProducerApp />, transport, 'my-models');
    await waitFor(() => expect(screen.getByTestId('status-identity').textContent).toContain(IDENTITY_KEY.slice(0, 8)));
    expect(screen.getByTestId('status-identity').textContent).not.toContain(IDENTITY_KEY);
    expect(screen.getByTestId('status-marketplace').textContent).toBe('Demo marketplace');
  });
});
