import { describe, expect, it } from 'vitest';
import type { HostRequest } from '../../src-main/host/protocol';
import {
  createEngineSupervisor,
  type EngineStatus,
  type HostCallbacks,
  type SupervisorDeps,
} from '../../src-main/shell/engine-supervisor';

/** A clock and timer queue the test advances by hand. */
function fakeTime() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    timers: {
      set(fn: () => void, ms: number) {
        const id = ++seq;
        pending.set(id, { at: now + ms, fn });
        return id;
      },
      clear(handle: unknown) {
        pending.delete(handle as number);
      },
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    scheduled: () => [...pending.values()].map((t) => t.at - now),
  };
}

class FakeHost {
  sent: HostRequest[] = [];
  killed = false;
  constructor(readonly callbacks: HostCallbacks) {}
  postMessage(message: HostRequest) {
    this.sent.push(message);
  }
  kill() {
    this.killed = true;
  }
  ready() {
    this.callbacks.onMessage({ type: 'ready', dataDir: '/data' });
  }
  answer(id: number, result: unknown) {
    this.callbacks.onMessage({ type: 'result', id, ok: true, result });
  }
  exit(code: number | null = 1) {
    this.callbacks.onExit(code);
  }
}

function setup(overrides: Partial<SupervisorDeps> = {}) {
  const time = fakeTime();
  const hosts: FakeHost[] = [];
  const statuses: EngineStatus[] = [];
  const events: Array<[string, unknown]> = [];
  const supervisor = createEngineSupervisor({
    fork: (callbacks) => {
      const host = new FakeHost(callbacks);
      hosts.push(host);
      return host;
    },
    onEvent: (event, payload) => events.push([event, payload]),
    onStatus: (status) => statuses.push(status),
    timers: time.timers,
    now: time.now,
    ...overrides,
  });
  const host = () => hosts[hosts.length - 1]!;
  return { supervisor, hosts, host, statuses, events, time };
}

/** Lets promise callbacks run. */
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('engine supervisor', () => {
  it('holds calls until the host is ready, then relays them with distinct ids', async () => {
    const { supervisor, host, statuses } = setup();
    supervisor.start();
    expect(statuses.at(-1)).toEqual({ state: 'starting', restarts: 0 });
    const a = supervisor.call('system.health', {});
    const b = supervisor.call('catalog.list', { q: 'x' });
    expect(host().sent).toEqual([]);

    host().ready();
    expect(statuses.at(-1)).toEqual({ state: 'ready', restarts: 0 });
    expect(host().sent.map((m) => [m.name, m.input])).toEqual([
      ['system.health', {}],
      ['catalog.list', { q: 'x' }],
    ]);
    const [first, second] = host().sent;
    expect(first!.id).not.toBe(second!.id);

    // Answers out of order still reach the right caller.
    host().answer(second!.id, 'list');
    host().answer(first!.id, 'health');
    await expect(a).resolves.toBe('health');
    await expect(b).resolves.toBe('list');
  });

  it('rejects with the engine error shape', async () => {
    const { supervisor, host } = setup();
    supervisor.start();
    host().ready();
    const p = supervisor.call('catalog.get', { id: 'x' });
    const { id } = host().sent[0]!;
    host().callbacks.onMessage({ type: 'result', id, ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    await expect(p).rejects.toEqual({ code: 'NOT_FOUND', message: 'gone' });
  });

  it('fans events out and ignores malformed messages and unknown ids', () => {
    const { supervisor, host, events } = setup();
    supervisor.start();
    host().ready();
    host().callbacks.onMessage({ type: 'event', event: 'catalog.changed', payload: { total: 2 } });
    host().callbacks.onMessage({ nonsense: true });
    host().answer(999, 'stray');
    expect(events).toEqual([['catalog.changed', { total: 2 }]]);
  });

  it('fails in-flight calls with INTERNAL when the host dies and restarts it with backoff', async () => {
    const { supervisor, hosts, host, statuses, time } = setup();
    supervisor.start();
    host().ready();
    const inflight = supervisor.call('system.health', {});
    host().exit(9);
    await expect(inflight).rejects.toMatchObject({ code: 'INTERNAL', details: { exitCode: 9 } });
    expect(statuses.at(-1)).toEqual({ state: 'down', restarts: 1, exitCode: 9, retryInMs: 500 });

    time.advance(499);
    expect(hosts).toHaveLength(1);
    time.advance(1);
    expect(hosts).toHaveLength(2);
    expect(statuses.at(-1)).toEqual({ state: 'starting', restarts: 1 });

    // A second crash before becoming stable waits longer.
    host().exit(1);
    expect(statuses.at(-1)).toMatchObject({ state: 'down', retryInMs: 1000, restarts: 2 });
    time.advance(1000);
    host().ready();
    expect(statuses.at(-1)).toEqual({ state: 'ready', restarts: 2 });
  });

  it('starts the backoff over after the host ran stably', () => {
    const { supervisor, host, statuses, time } = setup();
    supervisor.start();
    host().exit(1);
    time.advance(500);
    host().exit(1);
    time.advance(1000);
    expect(statuses.at(-1)?.state).toBe('starting');
    host().ready();
    time.advance(60_000);
    host().exit(1);
    expect(statuses.at(-1)).toMatchObject({ state: 'down', retryInMs: 500 });
  });

  it('keeps queued calls across a restart: the dead host never saw them', async () => {
    const { supervisor, host, time } = setup();
    supervisor.start();
    const p = supervisor.call('settings.get', {});
    host().exit(1);
    time.advance(500);
    host().ready();
    expect(host().sent.map((m) => m.name)).toEqual(['settings.get']);
    host().answer(host().sent[0]!.id, { theme: 'dark' });
    await expect(p).resolves.toEqual({ theme: 'dark' });
  });

  it('answers NOT_READY when the host stays unavailable too long', async () => {
    const { supervisor, host, time } = setup({ queueTimeoutMs: 1000 });
    supervisor.start();
    const p = supervisor.call('system.health', {});
    time.advance(1000);
    await expect(p).rejects.toMatchObject({ code: 'NOT_READY' });
    host().ready();
    expect(host().sent).toEqual([]);
  });

  it('kills a host that never gets ready, and restarts it', () => {
    const { supervisor, hosts, time } = setup({ startTimeoutMs: 5000 });
    supervisor.start();
    time.advance(5000);
    expect(hosts[0]!.killed).toBe(true);
    hosts[0]!.exit(null);
    time.advance(500);
    expect(hosts).toHaveLength(2);
  });

  it('kills the host on a fatal message', () => {
    const { supervisor, host } = setup();
    supervisor.start();
    host().ready();
    host().callbacks.onMessage({ type: 'fatal', message: 'store corrupt' });
    expect(host().killed).toBe(true);
  });

  it('ignores messages and exits of a host it already replaced', async () => {
    const { supervisor, hosts, host, statuses, time } = setup();
    supervisor.start();
    const old = hosts[0]!;
    old.exit(1);
    time.advance(500);
    old.ready();
    old.exit(2);
    expect(statuses.at(-1)).toEqual({ state: 'starting', restarts: 1 });
    host().ready();
    const p = supervisor.call('system.health', {});
    old.answer(host().sent[0]!.id, 'from the dead');
    host().answer(host().sent[0]!.id, 'fresh');
    await expect(p).resolves.toBe('fresh');
  });

  it('restarts when fork itself throws', () => {
    let calls = 0;
    const { supervisor, statuses, time } = setup({
      fork: () => {
        calls++;
        throw new Error('no such file');
      },
    });
    supervisor.start();
    expect(statuses.at(-1)).toMatchObject({ state: 'down', retryInMs: 500 });
    time.advance(500);
    expect(calls).toBe(2);
  });

  it('stops for good: kills the host, fails everything, restarts nothing', async () => {
    const { supervisor, hosts, host, statuses, time } = setup();
    supervisor.start();
    host().ready();
    const inflight = supervisor.call('system.health', {});
    let stopped = false;
    void supervisor.stop().then(() => (stopped = true));
    expect(host().killed).toBe(true);
    await expect(inflight).rejects.toMatchObject({ code: 'INTERNAL' });
    await flush();
    expect(stopped).toBe(false);
    host().exit(0);
    await flush();
    expect(stopped).toBe(true);
    time.advance(120_000);
    expect(hosts).toHaveLength(1);
    expect(statuses.at(-1)).toEqual({ state: 'stopped', restarts: 0 });
    await expect(supervisor.call('system.health', {})).rejects.toMatchObject({ code: 'NOT_READY' });
  });

  it('stops waiting for a host that ignores the kill after the grace period', async () => {
    const { supervisor, host, time } = setup();
    supervisor.start();
    host().ready();
    let stopped = false;
    void supervisor.stop(2000).then(() => (stopped = true));
    time.advance(1999);
    await flush();
    expect(stopped).toBe(false);
    time.advance(1);
    await flush();
    expect(stopped).toBe(true);
  });

  it('stops at once when no host is running', async () => {
    const { supervisor, host } = setup();
    supervisor.start();
    host().exit(1);
    await expect(supervisor.stop()).resolves.toBeUndefined();
  });

  it('answers NOT_READY before start', async () => {
    const { supervisor, hosts } = setup();
    await expect(supervisor.call('system.health', {})).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(hosts).toHaveLength(0);
  });

  it('cancels a pending restart on stop', async () => {
    const { supervisor, hosts, host, time } = setup();
    supervisor.start();
    const queued = supervisor.call('system.health', {});
    host().exit(1);
    await supervisor.stop();
    await expect(queued).rejects.toMatchObject({ code: 'NOT_READY' });
    time.advance(60_000);
    expect(hosts).toHaveLength(1);
    await flush();
  });
});
