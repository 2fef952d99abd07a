import type { MarketplaceConfigBody } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { saveTreasuryKey } from '../identity/identity';
import { generateSigningKey } from '../identity/keys';
import { draftOf, signRecord } from '../records/signed';
import type { MarketplaceContext } from './context';
import type { MarketplaceInfo } from './marketplace-state';

/** A new marketplace's defaults: 5 % fee, weekly epochs, one day of grace. */
export const DEFAULT_CONFIG = { feeBps: 500, epochSeconds: 7 * 86_400, graceSeconds: 86_400 } as const;

/** Makes a treasury key, signs the marketplace config with it, and joins this engine to it. */
export async function createMarketplace(ctx: MarketplaceContext, config: MarketplaceConfigBody): Promise<MarketplaceInfo> {
  if (ctx.marketplace.id !== null) {
    throw new AppError('CONFLICT', 'This data folder already belongs to a marketplace', { marketplaceId: ctx.marketplace.id });
  }
  const treasury = generateSigningKey();
  await saveTreasuryKey(ctx.secrets, treasury);
  ctx.adoptTreasury(treasury);
  await ctx.adoptMarketplace(treasury.publicKey);
  const record = signRecord(treasury, draftOf('marketplace-config', treasury.publicKey, 1, config, ctx.clock()));
  await ctx.publish('market', [record]);
  const info = ctx.marketplace.info();
  if (!info) throw new AppError('INTERNAL', 'marketplace config did not take effect');
  return info;
}
