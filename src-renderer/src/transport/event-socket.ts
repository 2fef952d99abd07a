/** The subset of the browser WebSocket the event stream needs; tests pass a fake class. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000 };

export interface EventSocket {
  on(event: string, listener: (payload: unknown) => void): () => void;
  onReconnect(listener: () => void): () => void;
  dispose(): void;
}

/**
 * One WebSocket carrying every contract event as JSON `{event, payload}`. It connects on the first
 * subscription and reconnects with exponential backoff, because the engine may restart under us
 * (`infiniroute serve` restarted, laptop asleep) and the windows must recover without a reload.
 */
export function createEventSocket(url: string, open: SocketFactory, backoff: BackoffOptions = DEFAULT_BACKOFF): EventSocket {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let everOpened = false;
  let disposed = false;

  const dispatch = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  const scheduleReconnect = (): void => {
    if (disposed || timer !== null) return;
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
    failures += 1;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    if (disposed) return;
    const current = open(url);
    socket = current;
    current.onopen = () => {
      failures = 0;
      // Anything pushed while we were away is lost: tell views to re-fetch.
      if (everOpened) for (const listener of [...reconnectListeners]) listener();
      everOpened = true;
    };
    current.onmessage = (event) => dispatch(event.data);
    current.onerror = () => current.close();
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      scheduleReconnect();
    };
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (socket === null && timer === null) connect();
      return () => {
        set.delete(listener);
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => {
        reconnectListeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const current = socket;
      socket = null;
      current?.close();
    },
  };
}
