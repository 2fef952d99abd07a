import { useEffect, useSyncExternalStore } from 'react';
import { useClientHandle } from '../client/ClientContext';

const PROBE_MS = 4_000;

/**
 * One banner for the whole window while the engine cannot be reached, instead of an error on every
 * screen; it asks again every few seconds and goes away by itself once the engine answers.
 */
export function EngineBanner() {
  const { client, reachability } = useClientHandle();
  const lost = useSyncExternalStore(reachability.subscribe, reachability.lost);
  useEffect(() => {
    if (!lost) return undefined;
    const timer = setInterval(() => void client.call('system.health', {}).catch(() => undefined), PROBE_MS);
    return () => clearInterval(timer);
  }, [lost, client]);
  if (!lost) return null;
  return (
    <div className="banner banner-error engine-banner" role="alert" data-testid="engine-banner">
      <strong>The InfiniRoute engine is not answering.</strong> Nothing you see can change until it is back; this page retries by
      itself.
      <button type="button" className="button button-small" onClick={() => void client.call('system.health', {}).catch(() => undefined)}>
        Retry now
      </button>
    </div>
  );
}
