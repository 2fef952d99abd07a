/**
 * What the Electron preload exposes as `window.infiniroute`. Kept free of DOM and Node types so
 * both the renderer and the main-process tests can name it; the renderer wraps it in a Transport
 * (src-shared/client.ts) to get the typed contract client.
 *
 * `call` rejects with a plain `{code, message, details?}` object (an ErrorShape), never an Error:
 * contextBridge strips everything but the message from Error objects. `on` throws a TypeError for
 * an event name outside the allowlist and returns the function that unsubscribes.
 */
export interface InfinirouteBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'infiniroute';
