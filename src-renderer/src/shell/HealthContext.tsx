import { createContext, useContext, type ReactNode } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';

type Health = CommandOutput<'system.health'>;

const HealthContext = createContext<Health | null>(null);

/**
 * The window frame reads system.health once; deep components (a review button that must know
 * whether you produce the model, a dialog listing your own charges) read it from here instead of
 * each asking the engine again or having it threaded through every screen.
 */
export function HealthProvider({ health, children }: { health: Health; children: ReactNode }) {
  return <HealthContext.Provider value={health}>{children}</HealthContext.Provider>;
}

/** The local identity's public key, or null outside a window frame (never guessed). */
export function useIdentityKey(): string | null {
  return useContext(HealthContext)?.identity.publicKey ?? null;
}

/**
 * The key the producer console signs with: the identity itself, or in a demo folder the demo
 * producer's key; rewards mark "me" by this one, since rewards are paid to producers.
 */
export function useProducerKey(): string | null {
  return useContext(HealthContext)?.identity.producerKey ?? null;
}
