import type { PreloadBridge, RendererTransport } from './types';

export function isPreloadBridge(value: unknown): value is PreloadBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.call === 'function' && typeof candidate.on === 'function';
}

/**
 * The preload relays to the engine host over IPC; it already speaks the contract, so this only
 * binds its methods (the bridge object is frozen by contextBridge and must not be spread).
 */
export function createBridgeTransport(bridge: PreloadBridge): RendererTransport {
  return {
    call: (name, input) => bridge.call(name, input),
    on: (event, listener) => bridge.on(event, listener),
  };
}
