import { useEffect, useRef } from 'react';
import type { EventName } from '../../../src-shared/contract';
import { useClientHandle } from './ClientContext';

/**
 * However fast events come, one subscription re-reads at most this often. A first sync sends
 * catalog.changed and sync.changed up to ten times a second each for as long as it runs; re-reading
 * (and re-rendering) at that rate cost the window frames for nothing a person could see.
 */
export const REFETCH_EVERY_MS = 500;

/**
 * Runs `refetch` when any of the events arrives, or when the event stream reconnects (events sent
 * while it was down are gone, so the only safe assumption is that everything changed). The first
 * event refetches at once; more within `everyMs` of that make one more refetch when it has passed,
 * so the last change is always read.
 */
export function useRefetchOn(events: readonly EventName[], refetch: () => void, everyMs = REFETCH_EVERY_MS): void {
  const { client, onReconnect } = useClientHandle();
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const eventsKey = events.join(',');
  useEffect(() => {
    const names = (eventsKey === '' ? [] : eventsKey.split(',')) as EventName[];
    let lastAt = Number.NEGATIVE_INFINITY;
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const fire = () => {
      trailing = null;
      lastAt = Date.now();
      latest.current();
    };
    const request = () => {
      if (trailing !== null) return;
      const wait = lastAt + everyMs - Date.now();
      if (wait <= 0) fire();
      else trailing = setTimeout(fire, wait);
    };
    const offs = [...names.map((name) => client.on(name, request)), onReconnect(request)];
    return () => {
      for (const off of offs) off();
      if (trailing !== null) clearTimeout(trailing);
    };
  }, [client, onReconnect, eventsKey, everyMs]);
}
