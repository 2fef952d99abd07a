import { AppError } from '../../../src-shared/errors';
import { referenceCallCost, type Price } from '../../../src-shared/money';
import type { PriceChange } from '../../../src-shared/pricing';
import { assertOwnModel, publishCatalog, requireItem } from '../catalog/publish';
import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import { draftOf, signRecord } from '../records/signed';

/** Clocks of peers drift; a price may start a minute "in the past" but never rewrite history. */
export const PAST_TOLERANCE_MS = 60_000;
export const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;

export function priceHistory(engine: Engine, modelId: string): PriceChange[] {
  requireItem(engine, modelId);
  const now = engine.clock();
  const changes = engine.catalog.priceHistory(modelId);
  const current = engine.catalog.priceAt(modelId, now);
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
export async function setPrice(engine: Engine, modelId: string, price: Price, effectiveFrom?: number): Promise<PriceChange> {
  assertOwnModel(engine, modelId);
  requireItem(engine, modelId);
  const now = engine.clock();
  const from = effectiveFrom ?? now;
  if (from < now - PAST_TOLERANCE_MS) {
    throw new AppError('INVALID_INPUT', 'effectiveFrom is in the past: a price change may start now or later', { issues: [{ path: 'effectiveFrom', message: 'must not be in the past' }] });
  }
  if (from > now + MAX_SCHEDULE_AHEAD_MS) {
    throw new AppError('INVALID_INPUT', 'effectiveFrom is more than a year ahead', { issues: [{ path: 'effectiveFrom', message: 'must be within 366 days' }] });
  }
  const seq = engine.catalog.nextSeq('price', modelId);
  const record = signRecord(producerKeyOf(engine.keys), draftOf('price', modelId, seq, { modelId, price, effectiveFrom: from }, now));
  await publishCatalog(engine, [record]);
  const change = priceHistory(engine, modelId).find((c) => c.hash === record.hash);
  if (!change) throw new AppError('INTERNAL', 'price change did not take effect');
  return change;
}
