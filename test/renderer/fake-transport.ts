import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../src-shared/contract';
import type { RendererTransport } from '../../src-renderer/src/transport/types';

type Handler<N extends CommandName> = (input: CommandInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;
export type Handlers = { [N in CommandName]?: Handler<N> };

export interface FakeTransport extends RendererTransport {
  calls: { name: string; input: unknown }[];
  callsOf(name: CommandName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  reconnect(): void;
  handlers: Handlers;
}

/**
 * An engine stand-in for component tests. Unknown commands and thrown values reach the client the
 * way the preload bridge delivers them: as rejected plain {code, message} objects.
 */
export function fakeTransport(handlers: Handlers): FakeTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnects = new Set<() => void>();
  const transport: FakeTransport = {
    calls: [],
    handlers,
    callsOf: (name) => transport.calls.filter((c) => c.name === name).map((c) => c.input),
    async call(name, input) {
      transport.calls.push({ name, input });
      const handler = transport.handlers[name as CommandName] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw { code: 'UNKNOWN_COMMAND', message: `no fake for ${name}` };
      return handler(input);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onReconnect(listener) {
      reconnects.add(listener);
      return () => reconnects.delete(listener);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    reconnect() {
      for (const listener of [...reconnects]) listener();
    },
  };
  return transport;
}
