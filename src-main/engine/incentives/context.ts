import type { RoutingSettings } from '../../../src-shared/routing';
import type { CatalogIndex } from '../catalog/catalog-index';
import type { CatalogState } from '../catalog/catalog-state';
import type { LocalKeys } from '../identity/identity';
import type { LedgerState } from '../ledger/ledger-state';
import type { MarketplaceState } from '../marketplace/marketplace-state';
import type { SignedRecord } from '../records/signed';
import type { ObservationStats } from '../routing/observations';
import type { RewardDeps, RewardState } from './reward-state';

/**
 * What the reward use cases (claim.ts, views.ts) need from the rest of the engine, and nothing
 * more. RewardState itself is built from RewardDeps and the closer from CloserPorts (epoch-closer.ts);
 * the handler builds this from the engine (compose/incentives.ts); tests build it from plain fakes.
 */
export interface IncentiveContext {
  clock: RewardDeps['clock'];
  /** The producer side claims with the demo producer's key in a demo folder, else the identity (identity/identity.ts). */
  keys: Pick<LocalKeys, 'identity' | 'demoProducer'>;
  /** The computed epochs and the claims checked against them. */
  rewards: Pick<RewardState, 'config' | 'epochs' | 'result' | 'claims'>;
  /** The pool's and a producer's balance after a claim. */
  ledger: Pick<LedgerState, 'balance'>;
  /** Model and producer names shown beside the figures. */
  catalog: Pick<CatalogState, 'listing' | 'profile'>;
  /** The fee shown with a computation. */
  marketplace: Pick<MarketplaceState, 'info'>;
  /** Where signed records become durable and take effect (publisher.ts). */
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}

/** What a price projection reads (projection.ts): the real planner over the task's recent workload. */
export interface ProjectionContext {
  clock: RewardDeps['clock'];
  catalog: Pick<CatalogState, 'listing'>;
  catalogIndex: Pick<CatalogIndex, 'get' | 'byTask' | 'items'>;
  ledger: Pick<LedgerState, 'query' | 'feeBps'>;
  rewards: Pick<RewardState, 'epochs'>;
  observations: Pick<ObservationStats, 'get'>;
  /** The local routing settings the planner runs with (routing/routing-settings.ts). */
  routingSettings(): RoutingSettings;
}
