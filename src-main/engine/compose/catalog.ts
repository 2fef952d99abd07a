import type { CatalogContext } from '../catalog/context';
import type { Engine } from '../engine';

/**
 * The composition root's wiring of the catalog domain's publishing (catalog/context.ts); the engine
 * builds the item figures' context itself. OwnBatches is read through a getter: it is made later in
 * the engine's constructor.
 */
export function catalogContextOf(engine: Engine): CatalogContext {
  return {
    clock: () => engine.clock(),
    keys: engine.keys,
    marketplace: engine.marketplace,
    catalog: engine.catalog,
    catalogIndex: engine.catalogIndex,
    get ownBatches() {
      return engine.ownBatches;
    },
    publish: (doc, records) => engine.publish(doc, records),
  };
}
