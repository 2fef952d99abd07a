import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createClient, type ContractClient } from '../../../src-shared/client';
import type { RendererTransport } from '../transport/types';
import { watchReachability, type Reachability } from './reachability';

export interface ClientHandle {
  client: ContractClient;
  /** Called after the event stream came back from a drop; events in between were missed. */
  onReconnect(listener: () => void): () => void;
  /** Whether the engine answers at all (one banner for the window when it does not). */
  reachability: Reachability;
}

const ClientContext = createContext<ClientHandle | null>(null);

export function ClientProvider({ transport, children }: { transport: RendererTransport; children: ReactNode }) {
  const handle = useMemo<ClientHandle>(() => {
    const watched = watchReachability(transport);
    return {
      client: createClient(watched.transport),
      onReconnect: (listener) => transport.onReconnect?.(listener) ?? (() => undefined),
      reachability: watched.reachability,
    };
  }, [transport]);
  return <ClientContext.Provider value={handle}>{children}</ClientContext.Provider>;
}

export function useClientHandle(): ClientHandle {
  const handle = useContext(ClientContext);
  if (handle === null) throw new Error('useClient must be used inside <ClientProvider>');
  return handle;
}

/** The one contract client of this window. */
export function useClient(): ContractClient {
  return useClientHandle().client;
}
