import { isErrorShape } from '../../../src-shared/errors';
import type { RendererTransport } from '../transport/types';

/** Whether the last call reached the engine; one per window, held by its ClientProvider. */
export interface Reachability {
  lost(): boolean;
  subscribe(listener: () => void): () => void;
}

/** A refusal that says the engine itself is gone (not a refused command): NOT_READY about the engine. */
export function isEngineLost(error: unknown): boolean {
  return isErrorShape(error) && error.code === 'NOT_READY' && /engine/i.test(error.message);
}

/**
 * The transport with every call watched: a call that cannot reach the engine marks it lost, any
 * answer marks it back. The window shows one banner from this instead of an error per screen.
 */
export function watchReachability(transport: RendererTransport): { transport: RendererTransport; reachability: Reachability } {
  let lost = false;
  const listeners = new Set<() => void>();
  const set = (value: boolean) => {
    if (value === lost) return;
    lost = value;
    for (const listener of listeners) listener();
  };
  return {
    transport: {
      call: (name, input) =>
        transport.call(name, input).then(
          (value) => {
            set(false);
            return value;
          },
          (error: unknown) => {
            if (isEngineLost(error)) set(true);
            else set(false);
            throw error;
          },
        ),
      on: (event, listener) => transport.on(event, listener),
      onReconnect: transport.onReconnect ? (listener) => transport.onReconnect!(listener) : undefined,
    },
    reachability: {
      lost: () => lost,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
