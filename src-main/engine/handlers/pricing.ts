import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { requireItem } from '../catalog/publish';
import { computePosition } from '../pricing/position';
import { priceHistory, setPrice } from '../pricing/pricing';

export function pricingHandlers(engine: Engine): Pick<Handlers, 'pricing.set' | 'pricing.history' | 'pricing.position'> {
  return {
    'pricing.set': async ({ modelId, price, effectiveFrom }) => setPrice(engine, modelId, price, effectiveFrom),
    'pricing.history': async ({ modelId }) => priceHistory(engine, modelId),
    'pricing.position': async ({ modelId, task, candidate }) => {
      const item = requireItem(engine, modelId);
      return computePosition(item, engine.catalogIndex.items(), task ?? item.tasks[0]!, candidate);
    },
  };
}
