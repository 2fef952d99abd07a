import { Cooldowns } from '../providers/cooldown';
import { ApiKeyStore } from '../secrets/api-keys';
import type { SecretFiles } from '../secrets/secret-files';
import type { RouterContext } from './context';
import { DecisionLog } from './decision-log';
import type { LedgerPort } from './ledger-port';
import type { ObservationStats } from './observations';
import { Router } from './router';
import { RoutingSettingsStore } from './routing-settings';

/** Opens the local routing state (settings, API keys, decision history) and builds the router. */
export async function openRouter(context: RouterContext, local: { dataDir: string; secrets: SecretFiles; stats: ObservationStats; ledger: LedgerPort }): Promise<Router> {
  const [settings, keys, decisions] = await Promise.all([
    RoutingSettingsStore.open(local.dataDir),
    ApiKeyStore.open(local.secrets),
    DecisionLog.open(local.dataDir),
  ]);
  return new Router(context, { stats: local.stats, cooldowns: new Cooldowns(), keys, settings, decisions, ledger: local.ledger });
}
