import type { Engine } from '../engine';
import { EpochCloser, type CloserPorts } from '../incentives/epoch-closer';

/** The rewards domain's view of the engine for closing epochs (lazy: wired before the engine's states exist). */
export function closerPortsOf(engine: Engine): CloserPorts {
  return {
    clock: () => engine.clock(),
    treasury: () => {
      const key = engine.keys.treasury;
      return key && engine.marketplace.id === key.publicKey ? key : null;
    },
    rewards: () => engine.rewards,
    publish: (doc, records) => engine.publish(doc, records),
  };
}

export const epochCloserFor = (engine: Engine): EpochCloser => new EpochCloser(closerPortsOf(engine));
