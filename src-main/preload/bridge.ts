import type { InfinirouteBridge } from '../../src-shared/bridge-types';
import { isErrorShape, type ErrorShape } from '../../src-shared/errors';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

/** The slice of ipcRenderer the bridge needs; a fake stands in for it in tests. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeOptions {
  commandNames: readonly string[];
  eventNames: readonly string[];
  /** Where a throwing subscriber is reported; one bad listener must not starve the others. */
  reportListenerError?: (error: unknown) => void;
}

function shape(code: ErrorShape['code'], message: string, details?: unknown): ErrorShape {
  return details === undefined ? { code, message } : { code, message, details };
}

/** A copy that holds only the contract fields, so nothing else of the answer reaches the page. */
function plainError(error: ErrorShape): ErrorShape {
  return shape(error.code, error.message, error.details);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : typeof value;
}

/** Turns the shell's `{ok, result | error}` answer into a resolved value or a plain-object rejection. */
export function unwrapAnswer(answer: unknown): unknown {
  if (typeof answer === 'object' && answer !== null) {
    const a = answer as Record<string, unknown>;
    if (a.ok === true && 'result' in a) return a.result;
    if (a.ok === false && isErrorShape(a.error)) throw plainError(a.error);
  }
  throw shape('INTERNAL', 'Malformed answer from the app shell');
}

/**
 * The object the preload exposes as `window.infiniroute`. Only allowlisted names get through, and
 * the page never sees ipcRenderer or an IpcRendererEvent (whose `sender` is ipcRenderer itself).
 */
export function createBridge(ipc: BridgeIpc, options: BridgeOptions): InfinirouteBridge {
  const commands = new Set(options.commandNames);
  const events = new Set(options.eventNames);
  const report = options.reportListenerError ?? ((error: unknown) => console.error('[infiniroute] event listener failed', error));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // One ipc listener for all subscriptions: per-subscription listeners would trip Node's
  // max-listeners warning in a busy window and leak if a page forgets to unsubscribe.
  ipc.on(EVENT_CHANNEL, (_event, envelope) => {
    if (typeof envelope !== 'object' || envelope === null) return;
    const { event, payload } = envelope as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const cb of [...(listeners.get(event) ?? [])]) {
      try {
        cb(payload);
      } catch (error) {
        report(error);
      }
    }
  });

  return {
    async call(name, input) {
      if (typeof name !== 'string' || !commands.has(name)) {
        throw shape('UNKNOWN_COMMAND', `Unknown command: ${describe(name)}`);
      }
      // IPC would fail on functions or DOM nodes with an opaque clone error; say what is wrong instead.
      try {
        structuredClone(input);
      } catch {
        throw shape('INVALID_INPUT', `Input of ${name} cannot be sent (it holds functions or other uncloneable values)`);
      }
      let answer: unknown;
      try {
        answer = await ipc.invoke(CALL_CHANNEL, name, input);
      } catch (error) {
        throw shape('INTERNAL', `The app shell did not answer ${name}`, error instanceof Error ? error.message : undefined);
      }
      return unwrapAnswer(answer);
    },

    on(event, cb) {
      // A synchronous programming mistake: a TypeError, whose message survives contextBridge.
      if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${describe(event)}`);
      if (typeof cb !== 'function') throw new TypeError('on() needs a callback function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped so subscribing the same function twice yields two independent subscriptions.
      const entry = (payload: unknown) => cb(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
      };
    },
  };
}
