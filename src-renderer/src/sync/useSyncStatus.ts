import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { useCommand } from '../client/useCommand';

/**
 * sync.status, re-read when sync.changed arrives, when a running sync ends (its counts moved) and
 * every `pollMs`: the time of the last sync moves without any event (a sync round that changed
 * nothing is not news, but it is a sync).
 */
export function useSyncStatus(pollMs = 10_000) {
  const client = useClient();
  const status = useCommand('sync.status', {}, ['sync.changed']);
  const { reload } = status;
  useEffect(() => {
    const timer = setInterval(reload, pollMs);
    const off = client.on('sync.progress', (progress) => {
      if (!progress.active) reload();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [client, reload, pollMs]);
  return status;
}

/** The running sync's progress from sync.progress events (at most ten a second), else the status's. */
export function useSyncProgress(fromStatus: SyncProgress | undefined): SyncProgress | null {
  const client = useClient();
  const [pushed, setPushed] = useState<SyncProgress | null>(null);
  useEffect(() => client.on('sync.progress', setPushed), [client]);
  return pushed ?? fromStatus ?? null;
}
