import { createBridgeTransport, isPreloadBridge } from './bridge';
import { createBrowserTransport } from './browser';
import type { SocketLike } from './event-socket';
import { reloadOnNewSession, takeSession } from './session';
import type { RendererTransport } from './types';

/**
 * Inside Electron the preload bridge is the only way out of the sandbox; in a plain browser the
 * page was served by `infiniroute serve` and talks back to the same origin.
 */
export function chooseTransport(win: Window & typeof globalThis): RendererTransport {
  if (isPreloadBridge(win.infiniroute)) return createBridgeTransport(win.infiniroute);
  reloadOnNewSession(win);
  return createBrowserTransport({
    origin: win.location.origin,
    session: takeSession(win),
    fetch: win.fetch.bind(win),
    openSocket: (url, protocols) => new win.WebSocket(url, protocols) as unknown as SocketLike,
  });
}
