import { createEventSocket, type BackoffOptions, type SocketFactory } from './event-socket';
import { createRpcCaller, unauthorizedError } from './rpc';
import type { RendererTransport } from './types';

export interface BrowserTransportOptions {
  /** The page's origin, e.g. http://127.0.0.1:4777: the engine serves the pages, /rpc and /events. */
  origin: string;
  token: string | null;
  fetch: typeof fetch;
  openSocket: SocketFactory;
  backoff?: BackoffOptions;
}

export interface BrowserTransport extends RendererTransport {
  dispose(): void;
}

export function eventsUrl(origin: string, token: string): string {
  const url = new URL('/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}

/** Browser mode (`infiniroute serve`): commands as JSON-RPC over HTTP, events over one WebSocket. */
export function createBrowserTransport(options: BrowserTransportOptions): BrowserTransport {
  const { token } = options;
  if (token === null) {
    // Without a token every call would be refused: say why once, instead of a failing socket loop.
    return {
      call: () => Promise.reject(unauthorizedError('This page was opened without an access token.')),
      on: () => () => undefined,
      dispose: () => undefined,
    };
  }
  const call = createRpcCaller(new URL('/rpc', options.origin).toString(), token, options.fetch);
  const socket = createEventSocket(eventsUrl(options.origin, token), options.openSocket, options.backoff);
  return {
    call,
    on: (event, listener) => socket.on(event, listener),
    onReconnect: (listener) => socket.onReconnect(listener),
    dispose: () => socket.dispose(),
  };
}
