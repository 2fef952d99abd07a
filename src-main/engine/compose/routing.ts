import type { Engine } from '../engine';
import { appendCharge } from '../ledger/append';
import { userAccount } from '../ledger/entry-rules';
import type { LedgerPort } from '../routing/ledger-port';
import type { Router } from '../routing/router';
import { openRouter } from '../routing/routing-service';

/**
 * The composition root's wiring of the routing domain: the router sees the engine only through
 * these ports (routing/context.ts, routing/ledger-port.ts).
 */
export function routerFor(engine: Engine): Promise<Router> {
  return openRouter(
    {
      clock: engine.clock,
      catalog: engine.catalogIndex,
      emit: (name, payload) => engine.emit(name, payload),
      signer: engine.keys,
      publisher: engine.publisher,
    },
    { dataDir: engine.dataDir, stats: engine.observations, ledger: ledgerPortOf(engine) },
  );
}

/** The ledger as routing sees it: the local user's balance and spend, and one charge per call. */
function ledgerPortOf(engine: Engine): LedgerPort {
  const payer = () => userAccount(engine.keys.identity.publicKey);
  return {
    balance: () => engine.ledger.balance(payer()),
    spentSince: (since) => {
      const charges = engine.ledger.query({ account: payer(), kind: 'charge', from: since, limit: 1 }).totals.debits;
      const refunds = engine.ledger.query({ account: payer(), kind: 'refund', from: since, limit: 1 }).totals.credits;
      return Math.max(0, charges - refunds);
    },
    charge: async (request, alongside) => {
      const entry = await appendCharge(engine, request, alongside);
      return { hash: entry.hash, cost: entry.memo?.cost ?? 0 };
    },
  };
}
