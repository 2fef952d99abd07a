/**
 * The marketplace's API for handlers, the seed and the host: creating one (create.ts, through its
 * port in context.ts) and the state every record is checked against (marketplace-state.ts).
 */
export type { MarketplaceContext } from './context';
export { createMarketplace, DEFAULT_CONFIG } from './create';
export { readMarketplaceFile, writeMarketplaceFile } from './marketplace-file';
export { MarketplaceState, type MarketplaceInfo } from './marketplace-state';
