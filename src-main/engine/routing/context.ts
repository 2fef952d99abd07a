import type { CatalogItem } from '../../../src-shared/catalog';
import type { EventPayload } from '../../../src-shared/contract';
import type { SigningKey } from '../identity/keys';
import type { Cooldowns } from '../providers/cooldown';
import type { PublishBatch } from '../publisher';
import type { ApiKeyStore } from '../secrets/api-keys';
import type { DecisionLog } from './decision-log';
import type { LedgerPort } from './ledger-port';
import type { ObservationStats } from './observations';
import type { RoutingSettingsStore } from './routing-settings';

/**
 * What the router needs from the rest of the engine, and nothing more: the composition root builds
 * it (engine.ts); tests build it from plain fakes.
 */
export interface RouterContext {
  clock(): number;
  /** The live catalog: a task's models and one model by id (catalog/catalog-index.ts). */
  catalog: { byTask(task: string): readonly CatalogItem[]; get(id: string): CatalogItem | undefined };
  /** Streamed text and each decision, to every window. */
  emit<N extends 'route.delta' | 'route.decided'>(name: N, payload: EventPayload<N>): void;
  /** Who pays and signs: the identity (its user account) and this device's key (observations). */
  signer: { readonly identity: SigningKey; readonly device: SigningKey };
  /** Where signed observations become durable (publisher.ts). */
  publisher: { publishAcknowledged(batches: readonly PublishBatch[]): Promise<void>; catchUp(): void };
}

export interface RouterParts {
  stats: ObservationStats;
  cooldowns: Cooldowns;
  keys: ApiKeyStore;
  settings: RoutingSettingsStore;
  decisions: DecisionLog;
  ledger: LedgerPort;
}

