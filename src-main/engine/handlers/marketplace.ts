import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { createMarketplace, DEFAULT_CONFIG } from '../marketplace/create';
import { seedDemo } from '../seed/demo';

export function marketplaceHandlers(engine: Engine): Pick<Handlers, 'marketplace.create' | 'marketplace.openDemo'> {
  return {
    'marketplace.create': async (input) =>
      createMarketplace(engine, {
        name: input.name,
        feeBps: input.feeBps ?? DEFAULT_CONFIG.feeBps,
        epochSeconds: input.epochSeconds ?? DEFAULT_CONFIG.epochSeconds,
        graceSeconds: input.graceSeconds ?? DEFAULT_CONFIG.graceSeconds,
      }),
    'marketplace.openDemo': async () => seedDemo(engine),
  };
}
