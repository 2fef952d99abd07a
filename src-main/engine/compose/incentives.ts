import type { Engine } from '../engine';
import type { IncentiveContext, ProjectionContext } from '../incentives/context';

/** The composition root's wiring of the incentives domain's use cases (incentives/context.ts). */
export function incentiveContextOf(engine: Engine): IncentiveContext {
  return {
    clock: () => engine.clock(),
    keys: engine.keys,
    rewards: engine.rewards,
    ledger: engine.ledger,
    catalog: engine.catalog,
    marketplace: engine.marketplace,
    publish: (doc, records) => engine.publish(doc, records),
  };
}

/** The router opens after the handlers exist: its settings are read when a projection runs. */
export function projectionContextOf(engine: Engine): ProjectionContext {
  return {
    clock: () => engine.clock(),
    catalog: engine.catalog,
    catalogIndex: engine.catalogIndex,
    ledger: engine.ledger,
    rewards: engine.rewards,
    observations: engine.observations,
    routingSettings: () => engine.router.parts.settings.get(),
  };
}
