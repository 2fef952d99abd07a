import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from './contract';
import { AppError, isErrorShape } from './errors';

/**
 * A transport moves one command and its answer, and delivers events. The Electron preload bridge
 * and the browser-mode HTTP/WebSocket transport both implement it; the client above is the same.
 */
export interface Transport {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ContractClient {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Transports answer errors as {code, message, details}; the client rethrows them as AppError. */
export function createClient(transport: Transport): ContractClient {
  return {
    async call(name, input) {
      try {
        return (await transport.call(name, input)) as never;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (isErrorShape(error)) throw new AppError(error.code, error.message, error.details);
        throw new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
      }
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}
