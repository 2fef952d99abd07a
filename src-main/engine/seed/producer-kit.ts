import { createPrivateKey } from 'node:crypto';
import { modelIdOf, type ListingBody, type ProfileBody } from '../../../src-shared/domain';
import type { Price } from '../../../src-shared/money';
import { fromPrivateKey, type SigningKey } from '../identity/keys';
import { signBatches } from '../records/batch';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A deterministic Ed25519 key from 32 seed bytes: synthetic data must be identical run to run. */
export function keyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  return fromPrivateKey(createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' }));
}

/** mulberry32: a small seeded PRNG for reproducible demo and benchmark data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface PricePoint {
  price: Price;
  effectiveFrom: number;
}

/** Signs one producer's profile, listings and price history, as that producer. */
export function producerRecords(
  key: SigningKey,
  profile: ProfileBody,
  models: Array<{ listing: ListingBody; prices: PricePoint[] }>,
  ts: number,
): SignedRecord[] {
  const records = [signRecord(key, draftOf('profile', key.publicKey, 1, profile, ts))];
  for (const { listing, prices } of models) {
    const modelId = modelIdOf(key.publicKey, listing.slug);
    records.push(signRecord(key, draftOf('listing', modelId, 1, listing, ts)));
    prices.forEach((p, i) => {
      records.push(signRecord(key, draftOf('price', modelId, i + 1, { modelId, price: p.price, effectiveFrom: p.effectiveFrom }, Math.min(ts, p.effectiveFrom))));
    });
  }
  // As a producer's bulk publish does: one signature a peer checks instead of one per record.
  return [...records, ...signBatches(key, records, ts)];
}
