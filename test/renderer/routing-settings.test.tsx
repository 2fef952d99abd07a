import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import type { RoutingSettings } from '../../src-shared/routing';
import { parseSettingsText, settingsTextOf } from '../../src-renderer/src/routing/settings/settings-form';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { makeHealth } from './fixtures';
import { DEFAULT_ROUTING } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

function settingsScreen(extra: Handlers = {}) {
  let stored: RoutingSettings = DEFAULT_ROUTING;
  const keys = new Map<string, string>();
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'routing.getSettings': () => stored,
    'routing.setSettings': (patch: CommandInput<'routing.setSettings'>) => (stored = { ...stored, ...patch } as RoutingSettings),
    'providers.keys': () => [...keys].map(([baseUrl, key]) => ({ baseUrl, hint: `…${key.slice(-4)}` })),
    'providers.setKey': ({ baseUrl, apiKey }: CommandInput<'providers.setKey'>) => {
      keys.set(baseUrl, apiKey);
      return { baseUrl, hint: `…${apiKey.slice(-4)}` };
    },
    'providers.removeKey': ({ baseUrl }: CommandInput<'providers.removeKey'>) => ({ removed: keys.delete(baseUrl) }),
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'routing');
  return transport;
}

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

describe('routing settings form model', () => {
  it('round-trips settings through the text the form shows', () => {
    const settings: RoutingSettings = { ...DEFAULT_ROUTING, budgets: { dailyMicro: 1_500_000, monthlyMicro: 30_000_001 }, explorationBps: 1_250 };
    const text = settingsTextOf(settings);
    expect(text).toMatchObject({ daily: '1.5', monthly: '30.000001', exploration: '12.5' });
    expect(parseSettingsText(text)).toEqual({ settings, problems: {} });
  });

  it('refuses out-of-range values and all-zero weights', () => {
    const text = settingsTextOf(DEFAULT_ROUTING);
    const { settings, problems } = parseSettingsText({ ...text, weights: { quality: '0', price: '0', latency: '0', reliability: '0' }, timeoutMs: '999', retries: '6', maxFallbacks: '-1', exploration: '100.5', daily: '0.0000001' });
    expect(settings).toBeNull();
    expect(Object.keys(problems).sort()).toEqual(['daily', 'exploration', 'maxFallbacks', 'retries', 'timeoutMs', 'weightsAll']);
  });
});

describe('routing settings screen', () => {
  it('shows the engine settings and saves exactly what was typed', async () => {
    const transport = settingsScreen();
    await screen.findByTestId('routing-settings-form');
    expect(value('rs-weight-quality')).toBe('40');
    expect(value('rs-daily')).toBe('');
    expect(value('rs-exploration')).toBe('10');

    fireEvent.change(screen.getByTestId('rs-strategy'), { target: { value: 'cheapest' } });
    fireEvent.change(screen.getByTestId('rs-weight-price-slider'), { target: { value: '70' } });
    expect(value('rs-weight-price')).toBe('70');
    fireEvent.change(screen.getByTestId('rs-weight-latency'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('rs-daily'), { target: { value: '2.5' } });
    fireEvent.change(screen.getByTestId('rs-monthly'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('rs-timeoutMs'), { target: { value: '15,000' } });
    fireEvent.change(screen.getByTestId('rs-retries'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('rs-maxFallbacks'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('rs-exploration'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('rs-save'));

    await screen.findByTestId('rs-saved');
    expect(transport.callsOf('routing.setSettings')).toEqual([
      {
        strategy: 'cheapest',
        weights: { quality: 40, price: 70, latency: 5, reliability: 10 },
        budgets: { dailyMicro: 2_500_000, monthlyMicro: 40_000_000 },
        timeoutMs: 15_000,
        retries: 2,
        maxFallbacks: 1,
        explorationBps: 250,
      },
    ]);
    // The form now shows what the engine answered.
    expect(value('rs-timeoutMs')).toBe('15000');
    expect(value('rs-daily')).toBe('2.5');
    expect((screen.getByTestId('rs-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('does not save a value that does not parse, and clears a budget with an empty field', async () => {
    const transport = settingsScreen({ 'routing.getSettings': () => ({ ...DEFAULT_ROUTING, budgets: { dailyMicro: 5_000_000, monthlyMicro: null } }) });
    await screen.findByTestId('routing-settings-form');
    expect(value('rs-daily')).toBe('5');
    fireEvent.change(screen.getByTestId('rs-weight-quality'), { target: { value: '101' } });
    expect(screen.getByTestId('rs-weight-quality-error').textContent).toMatch(/at most 100/);
    expect((screen.getByTestId('rs-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('rs-weight-quality'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('rs-daily'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('rs-save'));
    await waitFor(() => expect(transport.callsOf('routing.setSettings')).toHaveLength(1));
    expect((transport.callsOf('routing.setSettings')[0] as RoutingSettings).budgets).toEqual({ dailyMicro: null, monthlyMicro: null });
  });
});

describe('API keys', () => {
  const SECRET = 'sk-live-0123456789abcdefWXYZ';

  it('stores a key from a password field and never displays it, only its hint', async () => {
    const transport = settingsScreen();
    const section = await screen.findByTestId('api-keys');
    await within(section).findByTestId('api-keys-empty');
    const keyInput = within(section).getByTestId('key-apiKey') as HTMLInputElement;
    expect(keyInput.type).toBe('password');
    expect(keyInput.autocomplete).toBe('off');
    fireEvent.change(within(section).getByTestId('key-baseUrl'), { target: { value: 'https://api.example.com/v1' } });
    fireEvent.change(keyInput, { target: { value: SECRET } });
    fireEvent.click(within(section).getByTestId('api-key-save'));

    expect((await within(section).findByTestId('api-key-done')).textContent).toBe('Key stored for https://api.example.com/v1 (ends …WXYZ).');
    expect(transport.callsOf('providers.setKey')).toEqual([{ baseUrl: 'https://api.example.com/v1', apiKey: SECRET }]);
    expect(keyInput.value).toBe('');
    const row = await within(section).findByTestId('api-key-row');
    expect(within(row).getByTestId('api-key-hint').textContent).toBe('…WXYZ');
    // Nowhere on the page: not in text, not in any field's value, not in an attribute.
    expect(document.body.textContent).not.toContain(SECRET);
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect([...document.querySelectorAll('input')].some((input) => input.value.includes(SECRET))).toBe(false);

    fireEvent.click(within(row).getByTestId('api-key-remove'));
    await within(section).findByTestId('api-keys-empty');
    expect(transport.callsOf('providers.removeKey')).toEqual([{ baseUrl: 'https://api.example.com/v1' }]);
  });

  it('checks the base URL and the key before sending', async () => {
    const transport = settingsScreen();
    const section = await screen.findByTestId('api-keys');
    fireEvent.change(within(section).getByTestId('key-baseUrl'), { target: { value: 'ftp://files.example.com' } });
    fireEvent.click(within(section).getByTestId('api-key-save'));
    expect(within(section).getByTestId('key-baseUrl-error').textContent).toMatch(/http\(s\) URL/);
    expect(within(section).getByTestId('key-apiKey-error').textContent).toBe('Paste the API key.');
    expect(transport.callsOf('providers.setKey')).toHaveLength(0);
  });
});

describe('local Ollama discovery', () => {
  it('shows the endpoint and model names to list, or that nothing answers', async () => {
    let reachable = true;
    const transport = settingsScreen({
      'providers.discoverLocal': ({ baseUrl }: CommandInput<'providers.discoverLocal'>) => ({
        baseUrl: (baseUrl ?? 'http://127.0.0.1:11434').replace(/\/$/, ''),
        reachable,
        models: reachable ? [{ name: 'llama3.2:3b', sizeBytes: 2_019_393_189 }] : [],
      }),
    });
    const section = await screen.findByTestId('local-discovery');
    fireEvent.click(within(section).getByTestId('ollama-discover'));
    const found = await within(section).findByTestId('ollama-result');
    expect(found.getAttribute('data-reachable')).toBe('true');
    expect(within(section).getByTestId('ollama-endpoint').textContent).toBe('http://127.0.0.1:11434/v1');
    expect(within(section).getByTestId('ollama-model').textContent).toContain('llama3.2:3b');
    expect(within(section).getByTestId('ollama-model').textContent).toContain('1.9 GB');
    expect(transport.callsOf('providers.discoverLocal')).toEqual([{ baseUrl: 'http://127.0.0.1:11434' }]);

    reachable = false;
    fireEvent.change(within(section).getByTestId('ollama-url'), { target: { value: 'http://10.0.0.5:11434' } });
    fireEvent.click(within(section).getByTestId('ollama-discover'));
    await waitFor(() => expect(within(section).getByTestId('ollama-result').getAttribute('data-reachable')).toBe('false'));
    expect(within(section).getByTestId('ollama-result').textContent).toContain('http://10.0.0.5:11434');
  });
});
