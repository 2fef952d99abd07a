import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src-shared/client';
import { AppError } from '../../src-shared/errors';
import { createBrowserTransport, eventsProtocols, eventsUrl, type BrowserTransport } from '../../src-renderer/src/transport/browser';
import type { SocketLike } from '../../src-renderer/src/transport/event-socket';

class FakeSocket implements SocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[] = [],
  ) {}
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({});
  }
  open() {
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The server went away: the browser fires close without our asking. */
  drop() {
    this.close();
  }
}

/** The AppError a call rejected with (and a failed test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to reject');
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('browser transport', () => {
  let sockets: FakeSocket[];
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
  let transport: BrowserTransport;

  const make = (session: string | null = 'secret-session') => {
    transport = createBrowserTransport({
      origin: 'http://127.0.0.1:4777',
      session,
      fetch: fetchMock,
      openSocket: (url, protocols) => {
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      backoff: { initialMs: 100, maxMs: 1_000 },
    });
    return transport;
  };

  beforeEach(() => {
    sockets = [];
    fetchMock = vi.fn<typeof fetch>();
  });
  afterEach(() => {
    transport.dispose();
    vi.useRealTimers();
  });

  it('posts JSON-RPC 2.0 to /rpc with the page session header (no Authorization, no cookie) and resolves the result', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ jsonrpc: '2.0', id: 1, result: { theme: 'dark' } }));
    const client = createClient(make());
    await expect(client.call('settings.get', {})).resolves.toEqual({ theme: 'dark' });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(String(url)).toBe('http://127.0.0.1:4777/rpc');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['X-InfiniRoute-Session']).toBe('secret-session');
    expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(init?.credentials).toBeUndefined();
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    expect(body).toMatchObject({ jsonrpc: '2.0', method: 'settings.get', params: {} });
    expect(typeof body.id).toBe('number');
  });

  it('rethrows error.data as an AppError carrying the contract code', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32000, message: 'No such model', data: { code: 'NOT_FOUND', message: 'No such model', details: { id: 'x' } } },
      }),
    );
    const client = createClient(make());
    const failure = await rejection(client.call('catalog.get', { id: 'x' }));
    expect(failure.code).toBe('NOT_FOUND');
    expect(failure.message).toBe('No such model');
    expect(failure.details).toEqual({ id: 'x' });
  });

  it('turns HTTP 401 into UNAUTHORIZED that tells where the right URL is', async () => {
    fetchMock.mockResolvedValue(new Response('unauthorized', { status: 401 }));
    const failure = await rejection(createClient(make()).call('system.health', {}));
    expect(failure.code).toBe('UNAUTHORIZED');
    expect(failure.message).toMatch(/infiniroute serve/);
  });

  it('refuses to call at all without a session', async () => {
    const failure = await rejection(createClient(make(null)).call('system.health', {}));
    expect(failure.code).toBe('UNAUTHORIZED');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reports an unreachable engine as NOT_READY rather than a bare TypeError', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const failure = await rejection(createClient(make()).call('system.health', {}));
    expect(failure.code).toBe('NOT_READY');
  });

  it('builds the events URL from the page protocol, with the session only in a subprotocol', () => {
    expect(eventsUrl('http://127.0.0.1:4777')).toBe('ws://127.0.0.1:4777/events');
    expect(eventsUrl('https://example.test')).toBe('wss://example.test/events');
    expect(eventsProtocols('s3cret')).toEqual(['infiniroute.events', 'infiniroute.session.s3cret']);
  });

  it('delivers WebSocket messages to the listeners of that event only', () => {
    make();
    const changed = vi.fn();
    const settings = vi.fn();
    transport.on('catalog.changed', changed);
    transport.on('settings.changed', settings);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4777/events');
    expect(sockets[0]!.protocols).toEqual(['infiniroute.events', 'infiniroute.session.secret-session']);
    sockets[0]!.open();
    sockets[0]!.receive({ event: 'catalog.changed', payload: { modelIds: ['a'], total: 1 } });
    expect(changed).toHaveBeenCalledWith({ modelIds: ['a'], total: 1 });
    expect(settings).not.toHaveBeenCalled();
  });

  it('reconnects with growing backoff after the socket drops, and says so once back', () => {
    vi.useFakeTimers();
    make();
    const changed = vi.fn();
    const reconnected = vi.fn();
    transport.on('catalog.changed', changed);
    transport.onReconnect?.(reconnected);
    sockets[0]!.open();
    sockets[0]!.drop();

    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    // The second attempt fails before opening: the wait doubles.
    sockets[1]!.drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    expect(reconnected).not.toHaveBeenCalled();
    sockets[2]!.open();
    expect(reconnected).toHaveBeenCalledTimes(1);
    sockets[2]!.receive({ event: 'catalog.changed', payload: { modelIds: [], total: 0 } });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('stops reconnecting once disposed', () => {
    vi.useFakeTimers();
    make();
    transport.on('catalog.changed', () => undefined);
    sockets[0]!.open();
    transport.dispose();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.closed).toBe(true);
  });

  it('ignores malformed event messages instead of throwing', () => {
    make();
    const changed = vi.fn();
    transport.on('catalog.changed', changed);
    sockets[0]!.onmessage?.({ data: 'not json' });
    sockets[0]!.onmessage?.({ data: JSON.stringify({ payload: 1 }) });
    expect(changed).not.toHaveBeenCalled();
  });
});
