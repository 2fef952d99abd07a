import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src-shared/contract';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';

withLayout();

function settingsEngine(initial: Settings['theme'] = 'system') {
  let settings: Settings = { theme: initial };
  return fakeTransport({
    'system.health': () => makeHealth(),
    'catalog.list': () => ({ total: 0, items: [] }),
    'settings.get': () => settings,
    'settings.set': (patch) => (settings = { ...settings, ...patch }),
  });
}

const themeSelect = () => screen.getByTestId('theme-select') as HTMLSelectElement;

describe('theme', () => {
  afterEach(() => {
    delete document.documentElement.dataset.theme;
  });

  it('shows the engine’s theme and applies it to the document', async () => {
    renderWithTransport(<UserApp />, settingsEngine('dark'));
    await waitFor(() => expect(themeSelect().value).toBe('dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect([...themeSelect().options].map((o) => o.value)).toEqual(['system', 'light', 'dark']);
  });

  it('stores a change in the engine with settings.set', async () => {
    const transport = settingsEngine('system');
    renderWithTransport(<UserApp />, transport);
    await waitFor(() => expect(themeSelect().disabled).toBe(false));

    fireEvent.change(themeSelect(), { target: { value: 'light' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    expect(transport.callsOf('settings.set')).toEqual([{ theme: 'light' }]);
    expect(themeSelect().value).toBe('light');
  });

  it('follows settings.changed made from the other window', async () => {
    const transport = settingsEngine('light');
    renderWithTransport(<ProducerApp />, transport, 'my-models');
    await waitFor(() => expect(themeSelect().value).toBe('light'));

    act(() => transport.emit('settings.changed', { theme: 'dark' }));
    expect(themeSelect().value).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(transport.callsOf('settings.set')).toEqual([]);
  });

  it('keeps the engine’s theme when the change is refused', async () => {
    const transport = settingsEngine('dark');
    transport.handlers['settings.set'] = () => {
      throw { code: 'INVALID_INPUT', message: 'theme: invalid' };
    };
    renderWithTransport(<UserApp />, transport);
    await waitFor(() => expect(themeSelect().value).toBe('dark'));
    fireEvent.change(themeSelect(), { target: { value: 'light' } });
    await waitFor(() => expect(themeSelect().getAttribute('aria-invalid')).toBe('true'));
    expect(themeSelect().value).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
