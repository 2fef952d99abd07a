import { describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES } from '../../src-shared/contract';
import { createBridge, unwrapAnswer, type BridgeIpc } from '../../src-main/preload/bridge';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../src-main/preload/channels';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (name: unknown, input: unknown) => unknown = () => ({ ok: true, result: null })) {
  const listeners = new Map<string, Listener[]>();
  const invoke = vi.fn(async (channel: string, name: unknown, input: unknown) => {
    expect(channel).toBe(CALL_CHANNEL);
    return answer(name, input);
  });
  const ipc: BridgeIpc = {
    invoke: invoke as BridgeIpc['invoke'],
    on: (channel, listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
  };
  const emit = (envelope: unknown) => {
    // The real IpcRendererEvent carries `sender` (ipcRenderer itself): it must never reach the page.
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l({ sender: 'ipcRenderer' }, envelope);
  };
  return { ipc, invoke, emit, listeners };
}

const names = { commandNames: COMMAND_NAMES, eventNames: EVENT_NAMES };

describe('preload bridge: shape', () => {
  it('exposes call and on only, as plain functions (no ipcRenderer, no send/invoke)', () => {
    const bridge = createBridge(fakeIpc().ipc, names);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });
});

describe('preload bridge: call', () => {
  it('sends allowlisted calls and resolves with the result', async () => {
    const { ipc, invoke } = fakeIpc((name, input) => ({ ok: true, result: { name, input } }));
    const bridge = createBridge(ipc, names);
    await expect(bridge.call('catalog.list', { q: 'llama' })).resolves.toEqual({ name: 'catalog.list', input: { q: 'llama' } });
    expect(invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'catalog.list', { q: 'llama' });
  });

  it.each(['nope', '__proto__', 'constructor', '', 7, null])('rejects %j with UNKNOWN_COMMAND without IPC', async (name) => {
    const { ipc, invoke } = fakeIpc();
    const bridge = createBridge(ipc, names);
    const error = await bridge.call(name as string, {}).catch((e: unknown) => e);
    expect(error).toEqual({ code: 'UNKNOWN_COMMAND', message: expect.any(String) });
    expect(error).not.toBeInstanceOf(Error);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('rejects error answers with a plain {code, message, details} object', async () => {
    const { ipc } = fakeIpc(() => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No model', details: { id: 'k:x' }, stack: 'leak' },
    }));
    const error = await createBridge(ipc, names)
      .call('catalog.get', { id: 'k:x' })
      .catch((e: unknown) => e);
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'No model', details: { id: 'k:x' } });
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
  });

  it('omits details when there are none', async () => {
    const { ipc } = fakeIpc(() => ({ ok: false, error: { code: 'CONFLICT', message: 'x' } }));
    const error = await createBridge(ipc, names)
      .call('marketplace.openDemo', {})
      .catch((e: unknown) => e);
    expect(Object.keys(error as object)).toEqual(['code', 'message']);
  });

  it('turns malformed answers and IPC failures into INTERNAL', async () => {
    for (const answer of [undefined, 'ok', { ok: true }, { ok: false, error: 'x' }, { ok: false, error: { code: 'WHAT', message: 'x' } }]) {
      const { ipc } = fakeIpc(() => answer);
      await expect(createBridge(ipc, names).call('system.health', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    }
    const failing: BridgeIpc = { invoke: async () => Promise.reject(new Error('No handler registered')), on: () => {} };
    await expect(createBridge(failing, names).call('system.health', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses input IPC cannot carry, with INVALID_INPUT', async () => {
    const { ipc, invoke } = fakeIpc();
    await expect(createBridge(ipc, names).call('settings.set', { theme: () => 'dark' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('preload bridge: on', () => {
  it('delivers only the payload of subscribed events, until unsubscribed', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc, names);
    const settings = vi.fn();
    const catalog = vi.fn();
    const off = bridge.on('settings.changed', settings);
    bridge.on('catalog.changed', catalog);

    emit({ event: 'settings.changed', payload: { theme: 'dark' } });
    expect(settings).toHaveBeenCalledTimes(1);
    expect(settings).toHaveBeenCalledWith({ theme: 'dark' });
    expect(settings.mock.calls[0]).toHaveLength(1);
    expect(catalog).not.toHaveBeenCalled();

    off();
    off();
    emit({ event: 'settings.changed', payload: { theme: 'light' } });
    expect(settings).toHaveBeenCalledTimes(1);
    emit({ event: 'catalog.changed', payload: { modelIds: [], total: 0 } });
    expect(catalog).toHaveBeenCalledTimes(1);
  });

  it('uses one IPC listener however many subscriptions there are', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = createBridge(ipc, names);
    for (let i = 0; i < 20; i++) bridge.on('settings.changed', () => {});
    expect(listeners.get(EVENT_CHANNEL)).toHaveLength(1);
  });

  it('treats the same callback subscribed twice as two subscriptions', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc, names);
    const cb = vi.fn();
    const offA = bridge.on('settings.changed', cb);
    bridge.on('settings.changed', cb);
    offA();
    emit({ event: 'settings.changed', payload: 1 });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('throws a TypeError for names outside the allowlist', () => {
    const bridge = createBridge(fakeIpc().ipc, names);
    expect(() => bridge.on('secret.event', () => {})).toThrow(TypeError);
    expect(() => bridge.on('__proto__', () => {})).toThrow(TypeError);
    expect(() => bridge.on('settings.changed', 'nope' as never)).toThrow(TypeError);
  });

  it('accepts extra event names it is given (the shell engine.status event)', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc, { commandNames: COMMAND_NAMES, eventNames: [...EVENT_NAMES, 'engine.status'] });
    const cb = vi.fn();
    bridge.on('engine.status', cb);
    emit({ event: 'engine.status', payload: { state: 'down' } });
    expect(cb).toHaveBeenCalledWith({ state: 'down' });
  });

  it('keeps delivering when one listener throws, and ignores malformed envelopes', () => {
    const { ipc, emit } = fakeIpc();
    const reportListenerError = vi.fn();
    const bridge = createBridge(ipc, { ...names, reportListenerError });
    const good = vi.fn();
    bridge.on('settings.changed', () => {
      throw new Error('bad listener');
    });
    bridge.on('settings.changed', good);
    emit({ event: 'settings.changed', payload: 1 });
    expect(good).toHaveBeenCalledWith(1);
    expect(reportListenerError).toHaveBeenCalledTimes(1);
    emit(null);
    emit('settings.changed');
    emit({ event: 3 });
    expect(good).toHaveBeenCalledTimes(1);
  });
});

describe('unwrapAnswer', () => {
  it('returns results, including falsy ones', () => {
    expect(unwrapAnswer({ ok: true, result: 0 })).toBe(0);
    expect(unwrapAnswer({ ok: true, result: null })).toBeNull();
  });
});
