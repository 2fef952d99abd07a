import type { MarketplaceConfigBody } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Engine } from '../engine';
import { saveTreasuryKey } from '../identity/identity';
import { generateSigningKey } from '../identity/keys';
import { draftOf, signRecord } from '../records/signed';
import type { MarketplaceInfo } from './marketplace-state';

/** Defaults from DESIGN.md: 5 % fee, weekly epochs, one day of grace. */
export const DEFAULT_CONFIG = { feeBps: 500, epochSeconds: 7 * 86_400, graceSeconds: 86_400 } as const;

/** Makes a treasury key, signs the marketplace config with it, and joins this engine to it. */
export async function createMarketplace(engine: Engine, config: MarketplaceConfigBody): Promise<MarketplaceInfo> {
  if (engine.marketplace.id !== null) {
    throw new AppError('CONFLICT', 'This data folder already belongs to a marketplace', { marketplaceId: engine.marketplace.id });
  }
  const treasury = generateSigningKey();
  await saveTreasuryKey(engine.dataDir, treasury);
  engine.keys.treasury = treasury;
  await engine.adoptMarketplace(treasury.publicKey);
  const record = signRecord(treasury, draftOf('marketplace-config', treasury.publicKey, 1, config, engine.clock()));
  await engine.publish('market', [record]);
  const info = engine.marketplace.info();
  if (!info) throw new AppError('INTERNAL', 'marketplace config did not take effect');
  return info;
}
