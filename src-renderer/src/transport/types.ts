import type { Transport } from '../../../src-shared/client';

/**
 * What the renderer needs from a transport: the shared contract transport, plus a way to learn that
 * the event stream was interrupted. Events sent while disconnected are lost, so views re-fetch.
 */
export interface RendererTransport extends Transport {
  onReconnect?(listener: () => void): () => void;
}

/** The Electron preload bridge (window.infiniroute); it rejects with plain {code, message, details}. */
export interface PreloadBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    infiniroute?: PreloadBridge;
  }
}
