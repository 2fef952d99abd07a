import type { CatalogItem } from '../../../src-shared/catalog';
import { modelIdOf, producerOf, type ListingBody, type ProfileBody } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Price } from '../../../src-shared/money';
import { producerKeyOf } from '../identity/identity';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';
import type { CatalogContext } from './context';

export function catalogDocOf(producerKey: string): string {
  return `catalog/${producerKey}`;
}

/** Only the producer named in a model id may change it; everyone else gets FORBIDDEN. */
export function assertOwnModel(context: Pick<CatalogContext, 'keys'>, modelId: string): void {
  const me = producerKeyOf(context.keys).publicKey;
  if (producerOf(modelId) !== me) {
    throw new AppError('FORBIDDEN', `Only the producer of ${modelId} can change it; this producer is ${me}`, { modelId });
  }
}

export function requireItem(context: Pick<CatalogContext, 'catalogIndex'>, modelId: string): CatalogItem {
  const item = context.catalogIndex.get(modelId);
  if (!item) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  return item;
}

/** Publishes into this producer's catalog, with a batch signature when one is due (OwnBatches). */
export async function publishCatalog(context: CatalogContext, records: SignedRecord[]): Promise<void> {
  const doc = catalogDocOf(producerKeyOf(context.keys).publicKey);
  await context.publish(doc, context.ownBatches.with(doc, records, context.clock()));
}

function requireMarketplace(context: Pick<CatalogContext, 'marketplace'>): void {
  if (context.marketplace.id === null) throw new AppError('NOT_READY', 'Create, open or join a marketplace first');
}

/** Signs a listing as the local producer: a new model, or a higher-seq edit of one of ours. */
export async function publishModel(context: CatalogContext, listing: Omit<ListingBody, 'retired'>, price?: Price): Promise<CatalogItem> {
  requireMarketplace(context);
  const key = producerKeyOf(context.keys);
  const modelId = modelIdOf(key.publicKey, listing.slug);
  const now = context.clock();
  const records: SignedRecord[] = [signRecord(key, draftOf('listing', modelId, context.catalog.nextSeq('listing', modelId), { ...listing, retired: false }, now))];
  if (price) records.push(signRecord(key, draftOf('price', modelId, context.catalog.nextSeq('price', modelId), { modelId, price, effectiveFrom: now }, now)));
  await publishCatalog(context, records);
  return requireItem(context, modelId);
}

export async function retireModel(context: CatalogContext, modelId: string): Promise<CatalogItem> {
  assertOwnModel(context, modelId);
  const current = context.catalog.listing(modelId);
  if (!current) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  if (!current.retired) {
    const now = context.clock();
    const record = signRecord(producerKeyOf(context.keys), draftOf('listing', modelId, context.catalog.nextSeq('listing', modelId), { ...current, retired: true }, now));
    await publishCatalog(context, [record]);
  }
  return requireItem(context, modelId);
}

export async function setProfile(context: CatalogContext, profile: ProfileBody): Promise<void> {
  requireMarketplace(context);
  const key = producerKeyOf(context.keys);
  const record = signRecord(key, draftOf('profile', key.publicKey, context.catalog.nextSeq('profile', key.publicKey), profile, context.clock()));
  await publishCatalog(context, [record]);
}
