import type { Engine } from '../engine';
import { appendCharge } from '../ledger/append';
import { userAccount } from '../ledger/entry-rules';
import { Cooldowns } from '../providers/cooldown';
import { ApiKeyStore } from '../secrets/api-keys';
import { DecisionLog } from './decision-log';
import type { LedgerPort } from './ledger-port';
import type { ObservationStats } from './observations';
import { Router } from './router';
import { RoutingSettingsStore } from './routing-settings';

/** The ledger as routing sees it: the local user's balance and spend, and one charge per call. */
export function ledgerPortOf(engine: Engine): LedgerPort {
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

/** Opens the local routing state (settings, API keys, decision history) and builds the router. */
export async function openRouter(engine: Engine, stats: ObservationStats): Promise<Router> {
  const [settings, keys, decisions] = await Promise.all([
    RoutingSettingsStore.open(engine.dataDir),
    ApiKeyStore.open(engine.dataDir),
    DecisionLog.open(engine.dataDir),
  ]);
  return new Router(engine, { stats, cooldowns: new Cooldowns(), keys, settings, decisions, ledger: ledgerPortOf(engine) });
}
