import { AppError } from '../../../src-shared/errors';
import { referenceCallCost, type Price } from '../../../src-shared/money';
import type { PriceChange } from '../../../src-shared/pricing';
import { draftOf, signRecord } from '../records/signed';
import type { PricingContext } from './context';

/** Clocks of peers drift; a price may start a minute "in the past" but never rewrite history. */
export const PAST_TOLERANCE_MS = 60_000;
export const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;

export function priceHistory(ctx: PricingContext, modelId: string): PriceChange[] {
  ctx.requireItem(modelId);
  const now = ctx.clock();
  const changes = ctx.catalog.priceHistory(modelId);
  const current = ctx.catalog.priceAt(modelId, now);
  let currentMarked = false;
  const views = changes.map((c) => ({
    modelId,
    seq: c.seq,
    ts: c.ts,
    effectiveFrom: c.price.effectiveFrom,
    price: c.price.price,
    referenceCost: referenceCallCost(c.price.price),
    hash: c.hash,
    current: false,
  }));
  // The change in force is the latest (by seq) whose time has come.
  for (let i = views.length - 1; i >= 0 && current; i--) {
    if (!currentMarked && views[i]!.effectiveFrom <= now) {
      views[i]!.current = true;
      currentMarked = true;
    }
  }
  return views;
}

/** The Fixed Pricing Engine: a producer signs a new price for its own model, now or later. */
export async function setPrice(ctx: PricingContext, modelId: string, price: Price, effectiveFrom?: number): Promise<PriceChange> {
  ctx.assertOwnModel(modelId);
  ctx.requireItem(modelId);
  const now = ctx.clock();
  const from = effectiveFrom ?? now;
  if (from < now - PAST_TOLERANCE_MS) {
    throw new AppError('INVALID_INPUT', 'effectiveFrom is in the past: a price change may start now or later', { issues: [{ path: 'effectiveFrom', message: 'must not be in the past' }] });
  }
  if (from > now + MAX_SCHEDULE_AHEAD_MS) {
    throw new AppError('INVALID_INPUT', 'effectiveFrom is more than a year ahead', { issues: [{ path: 'effectiveFrom', message: 'must be within 366 days' }] });
  }
  const seq = ctx.catalog.nextSeq('price', modelId);
  const record = signRecord(ctx.producerKey(), draftOf('price', modelId, seq, { modelId, price, effectiveFrom: from }, now));
  await ctx.publishCatalog([record]);
  const change = priceHistory(ctx, modelId).find((c) => c.hash === record.hash);
  if (!change) throw new AppError('INTERNAL', 'price change did not take effect');
  return change;
}
