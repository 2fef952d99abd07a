import type { LedgerContext } from '../ledger/context';
import type { CatalogIndex } from '../catalog/catalog-index';
import type { RouterContext } from '../routing/context';
import { ledgerPortOf } from '../routing/ledger-port';
import type { ObservationStats } from '../routing/observations';
import type { SecretFiles } from '../secrets/secret-files';
import type { Router } from '../routing/router';
import { openRouter } from '../routing/routing-service';

/** The engine's parts the router is built from (the engine passes itself). */
export interface RoutingParts extends Pick<RouterContext, 'clock' | 'emit' | 'publisher'> {
  readonly dataDir: string;
  readonly secrets: SecretFiles;
  readonly catalogIndex: CatalogIndex;
  readonly keys: RouterContext['signer'];
  readonly observations: ObservationStats;
  readonly ledgerContext: LedgerContext;
}

/**
 * The composition root's wiring of the routing domain: the router sees the engine only through
 * these ports (routing/context.ts, routing/ledger-port.ts).
 */
export function routerFor(parts: RoutingParts): Promise<Router> {
  return openRouter(
    {
      clock: parts.clock,
      catalog: parts.catalogIndex,
      emit: (name, payload) => parts.emit(name, payload),
      signer: parts.keys,
      publisher: parts.publisher,
    },
    { dataDir: parts.dataDir, secrets: parts.secrets, stats: parts.observations, ledger: ledgerPortOf(parts.ledgerContext) },
  );
}
