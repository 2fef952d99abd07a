import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src-shared/client';
import { AppError } from '../../src-shared/errors';
import { chooseTransport } from '../../src-renderer/src/transport/choose';
import { reloadOnNewSession, SESSION_STORAGE_KEY, takeSession } from '../../src-renderer/src/transport/session';

describe('takeSession', () => {
  beforeEach(() => {
    sessionStorage.clear();
  });

  it('takes #session= from the URL fragment, remembers it and strips it from the address bar', () => {
    window.history.replaceState(null, '', '/user.html?view=x#session=abc123&top=1');
    expect(takeSession(window)).toBe('abc123');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe('abc123');
    expect(window.location.search).toBe('?view=x');
    expect(window.location.pathname).toBe('/user.html');
    expect(window.location.hash).toBe('#top=1');
    expect(document.cookie).toBe('');
  });

  it('keeps a view appended to the printed URL (#session=S#/route) as the hash route', () => {
    window.history.replaceState(null, '', '/user.html#session=abc123#/ledger/e1');
    expect(takeSession(window)).toBe('abc123');
    expect(window.location.hash).toBe('#/ledger/e1');
  });

  it('reloads when the printed URL is pasted into a tab already open on the page (only the fragment changes)', () => {
    const reload = vi.fn();
    const listeners: Array<() => void> = [];
    const win = {
      location: { hash: '#/model/m1', reload },
      addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    } as unknown as Window;
    reloadOnNewSession(win);
    listeners.forEach((l) => l());
    expect(reload).not.toHaveBeenCalled();
    (win.location as { hash: string }).hash = '#session=abc#/model/m1';
    listeners.forEach((l) => l());
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('falls back to the remembered session on a reload or the other page', () => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, 'remembered');
    window.history.replaceState(null, '', '/producer.html');
    expect(takeSession(window)).toBe('remembered');
  });

  it('prefers a fresh session in the URL over a remembered one', () => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, 'old');
    window.history.replaceState(null, '', '/user.html#session=new');
    expect(takeSession(window)).toBe('new');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe('new');
    expect(window.location.hash).toBe('');
  });

  it('is null when there is no session anywhere, and ignores a token in the query', () => {
    window.history.replaceState(null, '', '/user.html?token=abc');
    expect(takeSession(window)).toBeNull();
  });
});

describe('chooseTransport', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/user.html#session=tok');
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    delete window.infiniroute;
    vi.unstubAllGlobals();
  });

  it('uses the Electron preload bridge when window.infiniroute exists', async () => {
    const bridge = {
      call: vi.fn(async (name: string) => ({ echoed: name })),
      on: vi.fn(() => () => undefined),
    };
    window.infiniroute = bridge;
    const client = createClient(chooseTransport(window));

    await expect(client.call('settings.get', {})).resolves.toEqual({ echoed: 'settings.get' });
    expect(bridge.call).toHaveBeenCalledWith('settings.get', {});
    const listener = vi.fn();
    client.on('settings.changed', listener);
    expect(bridge.on).toHaveBeenCalledWith('settings.changed', listener);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('turns the bridge’s plain {code, message} rejections into AppError', async () => {
    window.infiniroute = {
      call: () => Promise.reject({ code: 'CONFLICT', message: 'Already open' }),
      on: () => () => undefined,
    };
    const failure = await createClient(chooseTransport(window))
      .call('marketplace.openDemo', {})
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('CONFLICT');
  });

  it('falls back to HTTP with the page’s session when there is no bridge', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { theme: 'light' } })));
    const client = createClient(chooseTransport(window));
    await expect(client.call('settings.get', {})).resolves.toEqual({ theme: 'light' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe(`${window.location.origin}/rpc`);
    expect((init?.headers as Record<string, string>)['X-InfiniRoute-Session']).toBe('tok');
    expect(window.location.hash).toBe('');
  });
});
