import type { ErrorShape } from '../../src-shared/errors';
import type { HostRequest } from '../host/protocol';
import { DEFAULT_BACKOFF, nextAttempt, restartDelayMs, type BackoffPolicy } from './backoff';
import { parseHostMessage } from './host-messages';

/** One running engine host, as the supervisor sees it (main.ts adapts utilityProcess to this). */
export interface HostHandle {
  postMessage(message: HostRequest): void;
  kill(): void;
}

export interface HostCallbacks {
  onMessage(message: unknown): void;
  onExit(code: number | null): void;
}

export type EngineStatus =
  | { state: 'starting'; restarts: number }
  | { state: 'ready'; restarts: number }
  | { state: 'down'; restarts: number; exitCode: number | null; retryInMs: number }
  | { state: 'stopped'; restarts: number };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SupervisorDeps {
  fork(callbacks: HostCallbacks): HostHandle;
  onEvent(event: string, payload: unknown): void;
  onStatus(status: EngineStatus): void;
  timers?: Timers;
  now?: () => number;
  backoff?: BackoffPolicy;
  /** A host that has not said ready by then is stuck: killed and restarted. Generous, because
   * loading large Automerge documents legitimately takes seconds. */
  startTimeoutMs?: number;
  /** How long a call waits for a ready host before it fails with NOT_READY. */
  queueTimeoutMs?: number;
  log?(message: string): void;
}

export interface EngineSupervisor {
  start(): void;
  call(name: string, input: unknown): Promise<unknown>;
  /** Asks the host to exit and resolves once it has, or after `graceMs`: the engine gets the
   * chance to flush its documents before the app goes away. */
  stop(graceMs?: number): Promise<void>;
  status(): EngineStatus;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ErrorShape): void;
}

interface Queued extends Pending {
  name: string;
  input: unknown;
  timer: unknown;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Owns the engine host: starts it, holds calls until it is ready, matches answers to calls by id,
 * and restarts it with backoff when it dies. A call that was in flight when the host died fails
 * with INTERNAL rather than being retried: it may already have had effects (a charge, a publish).
 */
export function createEngineSupervisor(deps: SupervisorDeps): EngineSupervisor {
  const timers = deps.timers ?? realTimers;
  const now = deps.now ?? Date.now;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const startTimeoutMs = deps.startTimeoutMs ?? 120_000;
  const queueTimeoutMs = deps.queueTimeoutMs ?? 30_000;
  const log = deps.log ?? (() => {});

  let current: HostHandle | null = null;
  let generation = 0;
  let status: EngineStatus = { state: 'stopped', restarts: 0 };
  let started = false;
  let readyAt: number | null = null;
  let attempt = 0;
  let restarts = 0;
  let nextId = 1;
  let startTimer: unknown = null;
  let restartTimer: unknown = null;
  const inFlight = new Map<number, Pending>();
  // Exits awaited by stop(), by host generation: stop() detaches the host before it exits.
  const exitWaiters = new Map<number, () => void>();
  const queue: Queued[] = [];

  function setStatus(next: EngineStatus): void {
    status = next;
    deps.onStatus(next);
  }

  function clearTimer(handle: unknown): null {
    if (handle !== null) timers.clear(handle);
    return null;
  }

  function send(host: HostHandle, name: string, input: unknown, pending: Pending): void {
    const id = nextId++;
    inFlight.set(id, pending);
    try {
      host.postMessage({ type: 'call', id, name, input });
    } catch (error) {
      inFlight.delete(id);
      pending.reject({ code: 'INTERNAL', message: `Could not send ${name} to the engine`, details: String(error) });
    }
  }

  function spawn(): void {
    restartTimer = clearTimer(restartTimer);
    const gen = ++generation;
    readyAt = null;
    setStatus({ state: 'starting', restarts });
    try {
      current = deps.fork({
        onMessage: (message) => gen === generation && onMessage(message),
        onExit: (code) => {
          exitWaiters.get(gen)?.();
          if (gen === generation) onExit(code);
        },
      });
    } catch (error) {
      log(`engine host could not be started: ${String(error)}`);
      onExit(null);
      return;
    }
    startTimer = timers.set(() => {
      startTimer = null;
      log(`engine host not ready after ${startTimeoutMs} ms; killing it`);
      current?.kill();
    }, startTimeoutMs);
  }

  function onMessage(raw: unknown): void {
    const message = parseHostMessage(raw);
    if (!message) {
      log('ignored a malformed message from the engine host');
      return;
    }
    switch (message.type) {
      case 'ready': {
        if (status.state !== 'starting' || !current) return;
        startTimer = clearTimer(startTimer);
        readyAt = now();
        setStatus({ state: 'ready', restarts });
        const host = current;
        for (const q of queue.splice(0)) {
          timers.clear(q.timer);
          send(host, q.name, q.input, q);
        }
        return;
      }
      case 'result': {
        const pending = inFlight.get(message.id);
        if (!pending) return;
        inFlight.delete(message.id);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(message.error);
        return;
      }
      case 'event':
        deps.onEvent(message.event, message.payload);
        return;
      case 'fatal':
        // The host may still be alive but unusable; the exit that follows the kill restarts it.
        log(`engine host fatal error: ${message.message}`);
        current?.kill();
        return;
    }
  }

  function failInFlight(error: ErrorShape): void {
    const pending = [...inFlight.values()];
    inFlight.clear();
    for (const p of pending) p.reject(error);
  }

  function onExit(code: number | null): void {
    generation++;
    current = null;
    startTimer = clearTimer(startTimer);
    failInFlight({ code: 'INTERNAL', message: 'The engine stopped while handling this call', details: { exitCode: code } });
    if (status.state === 'stopped') return;
    attempt = nextAttempt(attempt, readyAt === null ? null : now() - readyAt, policy);
    const retryInMs = restartDelayMs(attempt, policy);
    attempt++;
    restarts++;
    log(`engine host exited (code ${code}); restarting in ${retryInMs} ms`);
    setStatus({ state: 'down', restarts, exitCode: code, retryInMs });
    restartTimer = timers.set(() => {
      restartTimer = null;
      spawn();
    }, retryInMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      spawn();
    },

    call(name, input) {
      return new Promise((resolve, reject) => {
        if (status.state === 'stopped') {
          reject({ code: 'NOT_READY', message: 'The engine is not running' } satisfies ErrorShape);
          return;
        }
        if (status.state === 'ready' && current) {
          send(current, name, input, { resolve, reject });
          return;
        }
        // Not yet sent, so safe to hold across a restart: the engine has not seen it.
        const queued: Queued = { name, input, resolve, reject, timer: null };
        queued.timer = timers.set(() => {
          const i = queue.indexOf(queued);
          if (i >= 0) queue.splice(i, 1);
          reject({ code: 'NOT_READY', message: 'The engine is starting; try again shortly' } satisfies ErrorShape);
        }, queueTimeoutMs);
        queue.push(queued);
      });
    },

    stop(graceMs = 5_000) {
      if (status.state === 'stopped') return Promise.resolve();
      setStatus({ state: 'stopped', restarts });
      startTimer = clearTimer(startTimer);
      restartTimer = clearTimer(restartTimer);
      for (const q of queue.splice(0)) {
        timers.clear(q.timer);
        q.reject({ code: 'NOT_READY', message: 'The app is quitting' });
      }
      const host = current;
      const gen = generation++;
      current = null;
      failInFlight({ code: 'INTERNAL', message: 'The app is quitting' });
      if (!host) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          timers.clear(timer);
          exitWaiters.delete(gen);
          resolve();
        };
        const timer = timers.set(done, graceMs);
        exitWaiters.set(gen, done);
        host.kill();
      });
    },

    status: () => status,
  };
}
