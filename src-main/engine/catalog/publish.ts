import type { CatalogItem } from '../../../src-shared/catalog';
import { modelIdOf, producerOf, type ListingBody, type ProfileBody } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Price } from '../../../src-shared/money';
import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';

export function catalogDocOf(producerKey: string): string {
  return `catalog/${producerKey}`;
}

/** Only the producer named in a model id may change it; everyone else gets FORBIDDEN. */
export function assertOwnModel(engine: Engine, modelId: string): void {
  const me = producerKeyOf(engine.keys).publicKey;
  if (producerOf(modelId) !== me) {
    throw new AppError('FORBIDDEN', `Only the producer of ${modelId} can change it; this producer is ${me}`, { modelId });
  }
}

export function requireItem(engine: Engine, modelId: string): CatalogItem {
  const item = engine.catalogIndex.get(modelId);
  if (!item) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  return item;
}

/** Publishes into this producer's catalog, with a batch signature when one is due (OwnBatches). */
export async function publishCatalog(engine: Engine, records: SignedRecord[]): Promise<void> {
  const doc = catalogDocOf(producerKeyOf(engine.keys).publicKey);
  await engine.publish(doc, engine.ownBatches.with(doc, records, engine.clock()));
}

function requireMarketplace(engine: Engine): void {
  if (engine.marketplace.id === null) throw new AppError('NOT_READY', 'Create, open or join a marketplace first');
}

/** Signs a listing as the local producer: a new model, or a higher-seq edit of one of ours. */
export async function publishModel(engine: Engine, listing: Omit<ListingBody, 'retired'>, price?: Price): Promise<CatalogItem> {
  requireMarketplace(engine);
  const key = producerKeyOf(engine.keys);
  const modelId = modelIdOf(key.publicKey, listing.slug);
  const now = engine.clock();
  const records: SignedRecord[] = [signRecord(key, draftOf('listing', modelId, engine.catalog.nextSeq('listing', modelId), { ...listing, retired: false }, now))];
  if (price) records.push(signRecord(key, draftOf('price', modelId, engine.catalog.nextSeq('price', modelId), { modelId, price, effectiveFrom: now }, now)));
  await publishCatalog(engine, records);
  return requireItem(engine, modelId);
}

export async function retireModel(engine: Engine, modelId: string): Promise<CatalogItem> {
  assertOwnModel(engine, modelId);
  const current = engine.catalog.listing(modelId);
  if (!current) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  if (!current.retired) {
    const now = engine.clock();
    const record = signRecord(producerKeyOf(engine.keys), draftOf('listing', modelId, engine.catalog.nextSeq('listing', modelId), { ...current, retired: true }, now));
    await publishCatalog(engine, [record]);
  }
  return requireItem(engine, modelId);
}

export async function setProfile(engine: Engine, profile: ProfileBody): Promise<void> {
  requireMarketplace(engine);
  const key = producerKeyOf(engine.keys);
  const record = signRecord(key, draftOf('profile', key.publicKey, engine.catalog.nextSeq('profile', key.publicKey), profile, engine.clock()));
  await publishCatalog(engine, [record]);
}
