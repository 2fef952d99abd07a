import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandName, CommandOutput, EventName } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from './ClientContext';
import { asAppError } from './errors';
import { useRefetchOn } from './useRefetchOn';

export interface CommandState<T> {
  /** The latest answer for this input; kept while a re-fetch is in flight so views do not flicker. */
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  request: string;
  version: number;
  data?: T;
  error?: AppError;
}

/**
 * Reads one command through the client. `input` null means "not yet" (e.g. waiting for an id). The
 * input is compared by value, so callers may pass object literals.
 */
export function useCommand<N extends CommandName>(
  name: N,
  input: CommandInput<N> | null,
  refetchOn: readonly EventName[] = [],
): CommandState<CommandOutput<N>> {
  const client = useClient();
  const inputJson = input === null ? null : JSON.stringify(input);
  const request = `${name} ${inputJson}`;
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<CommandOutput<N>> | null>(null);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useRefetchOn(refetchOn, reload);

  useEffect(() => {
    if (inputJson === null) return undefined;
    let current = true;
    client.call(name, JSON.parse(inputJson) as CommandInput<N>).then(
      (data) => current && setSettled({ request, version, data }),
      (error: unknown) => current && setSettled({ request, version, error: asAppError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, name, inputJson, request, version]);

  const sameRequest = settled !== null && settled.request === request;
  return {
    data: sameRequest ? settled.data : undefined,
    error: sameRequest ? settled.error : undefined,
    loading: inputJson !== null && !(sameRequest && settled.version === version),
    reload,
  };
}
