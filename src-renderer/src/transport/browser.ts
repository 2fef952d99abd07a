import { EVENTS_PROTOCOL, SESSION_PROTOCOL_PREFIX } from '../../../src-shared/page-session';
import { createEventSocket, type BackoffOptions, type SocketLike } from './event-socket';
import { createRpcCaller, unauthorizedError } from './rpc';
import type { RendererTransport } from './types';

export interface BrowserTransportOptions {
  /** The page's origin, e.g. http://127.0.0.1:4777: the engine serves the pages, /rpc and /events. */
  origin: string;
  /** The page session from the printed URL (session.ts); null when the page was opened without one. */
  session: string | null;
  fetch: typeof fetch;
  /** Opens a WebSocket offering these subprotocols (a browser cannot set headers on one). */
  openSocket: (url: string, protocols: string[]) => SocketLike;
  backoff?: BackoffOptions;
}

export interface BrowserTransport extends RendererTransport {
  dispose(): void;
}

export function eventsUrl(origin: string): string {
  const url = new URL('/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The subprotocols of /events: the one the server selects, and the one carrying the session. */
export function eventsProtocols(session: string): string[] {
  return [EVENTS_PROTOCOL, `${SESSION_PROTOCOL_PREFIX}${session}`];
}

/** Browser mode (`infiniroute serve`): commands as JSON-RPC over HTTP, events over one WebSocket. */
export function createBrowserTransport(options: BrowserTransportOptions): BrowserTransport {
  const { session } = options;
  if (session === null) {
    // Without a session every call would be refused: say why once, instead of a failing socket loop.
    return {
      call: () => Promise.reject(unauthorizedError('This page was opened without its access link.')),
      on: () => () => undefined,
      dispose: () => undefined,
    };
  }
  const call = createRpcCaller(new URL('/rpc', options.origin).toString(), session, options.fetch);
  const protocols = eventsProtocols(session);
  const socket = createEventSocket(eventsUrl(options.origin), (url) => options.openSocket(url, protocols), options.backoff);
  return {
    call,
    on: (event, listener) => socket.on(event, listener),
    onReconnect: (listener) => socket.onReconnect(listener),
    dispose: () => socket.dispose(),
  };
}
