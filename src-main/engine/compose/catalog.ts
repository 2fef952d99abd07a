import type { CatalogContext, ItemFiguresContext } from '../catalog/context';
import type { Engine } from '../engine';

/**
 * The composition root's wiring of the catalog domain (catalog/context.ts). Parts the engine makes
 * in its constructor's body are read through getters, so a context can be built before they exist.
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

/** Read through getters throughout: the engine builds this as a field, before its constructor runs. */
export function itemFiguresOf(engine: Engine): ItemFiguresContext {
  return {
    clock: () => engine.clock(),
    get keys() {
      return engine.keys;
    },
    get catalog() {
      return engine.catalog;
    },
    get parties() {
      return engine.book.parties;
    },
    get observations() {
      return engine.observations;
    },
    get ledger() {
      return engine.ledger;
    },
    get reviews() {
      return engine.reviews;
    },
  };
}
