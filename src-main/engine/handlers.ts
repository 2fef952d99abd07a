import type { Handlers } from './dispatcher';
import type { Engine } from './engine';
import { catalogHandlers } from './handlers/catalog';
import { ledgerHandlers } from './handlers/ledger';
import { marketplaceHandlers } from './handlers/marketplace';
import { modelHandlers } from './handlers/models';
import { pricingHandlers } from './handlers/pricing';
import { reviewHandlers } from './handlers/reviews';
import { rewardHandlers } from './handlers/rewards';
import { routingHandlers } from './handlers/routing';
import { syncHandlers } from './handlers/sync';
import { systemHandlers } from './handlers/system';

/** The one handler map: every command of the contract, by name. */
export function createHandlers(engine: Engine): Handlers {
  return {
    ...systemHandlers(engine),
    ...marketplaceHandlers(engine),
    ...catalogHandlers(engine),
    ...ledgerHandlers(engine),
    ...modelHandlers(engine),
    ...pricingHandlers(engine),
    ...routingHandlers(engine),
    ...reviewHandlers(engine),
    ...rewardHandlers(engine),
    ...syncHandlers(engine),
  };
}
