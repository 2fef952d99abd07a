import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, Settings } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { useRefetchOn } from '../client/useRefetchOn';

export interface SettingsState {
  settings: Settings | null;
  error: AppError | null;
  update(patch: CommandInput<'settings.set'>): Promise<void>;
}

/**
 * Settings live in the engine so every window agrees: this window shows what the engine says and
 * follows settings.changed, whichever window made the change.
 */
export function useSettings(): SettingsState {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    // A pushed value is newer than an answer still in flight: once one arrives, the answer is stale.
    let pushed = false;
    const off = client.on('settings.changed', (next) => {
      pushed = true;
      setSettings(next);
    });
    client.call('settings.get', {}).then(
      (next) => live && !pushed && setSettings(next),
      (failure: unknown) => live && setError(asAppError(failure)),
    );
    return () => {
      live = false;
      off();
    };
  }, [client, version]);

  // settings.changed is handled above; a reconnect alone means pushes may have been missed.
  useRefetchOn([], () => setVersion((v) => v + 1));

  const update = useCallback(
    async (patch: CommandInput<'settings.set'>) => {
      try {
        setSettings(await client.call('settings.set', patch));
        setError(null);
      } catch (failure) {
        setError(asAppError(failure));
      }
    },
    [client],
  );

  return { settings, error, update };
}
