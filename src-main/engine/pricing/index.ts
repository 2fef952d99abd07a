/**
 * The Fixed Pricing Engine's API for handlers and the engine: signing and listing a model's price
 * changes (pricing.ts, through its port in context.ts), a price's position in its market
 * (position.ts), and the clock that brings scheduled prices into force (price-clock.ts).
 */
export type { PricingContext } from './context';
export { accuracyFor, computePosition, marketOf } from './position';
export { PriceClock } from './price-clock';
export { MAX_SCHEDULE_AHEAD_MS, PAST_TOLERANCE_MS, priceHistory, setPrice } from './pricing';
