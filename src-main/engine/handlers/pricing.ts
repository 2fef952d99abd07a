import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { assertOwnModel, publishCatalog, requireItem } from '../catalog/publish';
import { catalogContextOf } from '../compose/catalog';
import { producerKeyOf } from '../identity/identity';
import type { PricingContext } from '../pricing/context';
import { computePosition } from '../pricing/position';
import { priceHistory, setPrice } from '../pricing/pricing';

export function pricingHandlers(engine: Engine): Pick<Handlers, 'pricing.set' | 'pricing.history' | 'pricing.position'> {
  const catalog = catalogContextOf(engine);
  const context: PricingContext = {
    clock: engine.clock,
    catalog: engine.catalog,
    producerKey: () => producerKeyOf(engine.keys),
    requireItem: (modelId) => requireItem(catalog, modelId),
    assertOwnModel: (modelId) => assertOwnModel(catalog, modelId),
    publishCatalog: (records) => publishCatalog(catalog, records),
  };
  return {
    'pricing.set': async ({ modelId, price, effectiveFrom }) => setPrice(context, modelId, price, effectiveFrom),
    'pricing.history': async ({ modelId }) => priceHistory(context, modelId),
    'pricing.position': async ({ modelId, task, candidate }) => {
      const item = requireItem(catalog, modelId);
      return computePosition(item, engine.catalogIndex.items(), task ?? item.tasks[0]!, candidate);
    },
  };
}
