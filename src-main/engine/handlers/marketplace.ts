import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import type { MarketplaceContext } from '../marketplace/context';
import { createMarketplace, DEFAULT_CONFIG } from '../marketplace/create';
import { seedDemo } from '../seed/demo';

export function marketplaceHandlers(engine: Engine): Pick<Handlers, 'marketplace.create' | 'marketplace.openDemo'> {
  const context: MarketplaceContext = {
    clock: engine.clock,
    secrets: engine.secrets,
    marketplace: engine.marketplace,
    adoptTreasury: (key) => engine.adoptTreasury(key),
    adoptMarketplace: (id) => engine.adoptMarketplace(id),
    publish: (doc, records) => engine.publish(doc, records),
  };
  return {
    'marketplace.create': async (input) =>
      createMarketplace(context, {
        name: input.name,
        feeBps: input.feeBps ?? DEFAULT_CONFIG.feeBps,
        epochSeconds: input.epochSeconds ?? DEFAULT_CONFIG.epochSeconds,
        graceSeconds: input.graceSeconds ?? DEFAULT_CONFIG.graceSeconds,
      }),
    'marketplace.openDemo': async () => seedDemo(engine),
  };
}
