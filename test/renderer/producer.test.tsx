import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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

  it('tells a new producer what publishing means and offers the New model form', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 0, items: [] }),
    });
    renderWithTransport(<ProducerApp />, transport, 'my-models');

    const empty = await screen.findByTestId('producer-empty');
    expect(empty.textContent).toContain('You have no models listed in this marketplace yet.');
    expect(empty.textContent).toMatch(/Publish your first model/);
    expect(empty.textContent).toMatch(/signed with your key/);
    expect(empty.textContent).toMatch(/every user/);
    expect(empty.textContent).not.toMatch(/coming/);
    fireEvent.click(within(empty).getByTestId('new-model-empty'));
    expect((await screen.findByTestId('listing-form')).getAttribute('data-mode')).toBe('new');
    fireEvent.click(screen.getByTestId('listing-cancel'));
    expect(await screen.findByTestId('producer-empty')).toBeTruthy();
  });

  it('edits and signs the producer profile with producers.setProfile', async () => {
    const profile = { name: 'My Lab', description: 'We train models.', contact: 'lab@example.org', website: 'https://example.org' };
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'producers.get': () => ({ producerKey: IDENTITY_KEY, profile, models: 4, isMe: true }),
      'producers.setProfile': (input) => ({ producerKey: IDENTITY_KEY, profile: input, models: 4, isMe: true }),
    });
    renderWithTransport(<ProducerApp />, transport, 'profile');
    const form = await screen.findByTestId('profile-form');
    expect(form.textContent).toContain('4 models published');
    expect((screen.getByTestId('profile-name') as HTMLInputElement).value).toBe('My Lab');
    fireEvent.change(screen.getByTestId('profile-name'), { target: { value: '  Renamed Lab ' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await screen.findByTestId('profile-saved')).toBeTruthy();
    expect(transport.callsOf('producers.setProfile')).toEqual([{ ...profile, name: 'Renamed Lab' }]);

    fireEvent.change(screen.getByTestId('profile-name'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(screen.getByTestId('profile-name-error').textContent).toMatch(/Users see this name/);
    expect(transport.callsOf('producers.setProfile')).toHaveLength(1);
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
