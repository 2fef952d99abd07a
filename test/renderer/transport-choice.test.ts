import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src-shared/client';
import { AppError } from '../../src-shared/errors';
import { chooseTransport } from '../../src-renderer/src/transport/choose';
import { TOKEN_STORAGE_KEY, takeToken } from '../../src-renderer/src/transport/token';

describe('takeToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
  });

  it('takes ?token= from the URL, remembers it and strips it from the address bar', () => {
    window.history.replaceState(null, '', '/user.html?token=abc123&view=x#top');
    expect(takeToken(window)).toBe('abc123');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(window.location.search).toBe('?view=x');
    expect(window.location.pathname).toBe('/user.html');
    expect(window.location.hash).toBe('#top');
  });

  it('falls back to the remembered token on a reload or the other page', () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'remembered');
    window.history.replaceState(null, '', '/producer.html');
    expect(takeToken(window)).toBe('remembered');
  });

  it('prefers a fresh token in the URL over a remembered one', () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'old');
    window.history.replaceState(null, '', '/user.html?token=new');
    expect(takeToken(window)).toBe('new');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('is null when there is no token anywhere', () => {
    window.history.replaceState(null, '', '/user.html');
    expect(takeToken(window)).toBeNull();
  });
});

describe('chooseTransport', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/user.html?token=tok');
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

  it('falls back to HTTP with the page’s token when there is no bridge', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { theme: 'light' } })));
    const client = createClient(chooseTransport(window));
    await expect(client.call('settings.get', {})).resolves.toEqual({ theme: 'light' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe(`${window.location.origin}/rpc`);
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(window.location.search).toBe('');
  });
});
