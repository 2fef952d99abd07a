import { useEffect, useRef } from 'react';
import type { EventName } from '../../../src-shared/contract';
import { useClientHandle } from './ClientContext';

/**
 * Runs `refetch` when any of the events arrives, or when the event stream reconnects (events sent
 * while it was down are gone, so the only safe assumption is that everything changed).
 */
export function useRefetchOn(events: readonly EventName[], refetch: () => void): void {
  const { client, onReconnect } = useClientHandle();
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const eventsKey = events.join(',');
  useEffect(() => {
    const names = (eventsKey === '' ? [] : eventsKey.split(',')) as EventName[];
    const fire = () => latest.current();
    const offs = [...names.map((name) => client.on(name, fire)), onReconnect(fire)];
    return () => {
      for (const off of offs) off();
    };
  }, [client, onReconnect, eventsKey]);
}
