/** The catalog domain's public API: what handlers, other domains and the host use. */
export { CatalogIndex } from './catalog-index';
export { toModelRow } from './catalog-rows';
export { CatalogState, type PriceChange } from './catalog-state';
export { commonTask, compareModels } from './compare';
export type { CatalogContext, ItemFiguresContext } from './context';
export { catalogItemFor, chargedModels } from './item-figures';
export { OwnBatches } from './own-batches';
export { assertOwnModel, catalogDocOf, publishCatalog, publishModel, requireItem, retireModel, setProfile } from './publish';
