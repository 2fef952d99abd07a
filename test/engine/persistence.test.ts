import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import type { ListingBody } from '../../src-shared/domain';
import { generateSigningKey, type SigningKey } from '../../src-main/engine/identity/keys';
import { producerKeyOf } from '../../src-main/engine/identity/identity';
import { draftOf, recordHash, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import type { Engine } from '../../src-main/engine/engine';
import { Fixture, everything, ok, type Health } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

async function demo(): Promise<{ dataDir: string; engine: Engine; me: string; items: CatalogItem[]; health: Health }> {
  const dataDir = await fx.tempDir();
  const engine = await fx.open(dataDir);
  await ok(engine, 'marketplace.openDemo');
  const health = await ok<Health>(engine, 'system.health');
  // The demo's own producer (My Model Lab) signs with the demo producer key kept beside the identity.
  return { dataDir, engine, me: health.identity.producerKey, items: (await everything(engine)).items, health };
}

/** A seq-2 listing for an existing model, renamed, signed by `key` (who may or may not be its producer). */
function relisting(key: SigningKey, item: CatalogItem, name: string): SignedRecord {
  const listing: ListingBody = {
    slug: item.slug,
    name,
    description: item.description,
    tasks: item.tasks,
    industries: item.industries,
    modality: item.modality,
    contextWindow: item.contextWindow,
    endpoint: item.endpoint,
    version: '9.9.9',
    claimed: {
      accuracyBps: Object.fromEntries(Object.entries(item.metrics.accuracyBps).map(([task, m]) => [task, m.value])),
      latencyP50Ms: item.metrics.latencyP50Ms.value,
      latencyP95Ms: item.metrics.latencyP95Ms.value,
      successRateBps: item.metrics.successRateBps.value,
      throughputTps: item.metrics.throughputTps.value,
    },
    retired: false,
  };
  return signRecord(key, draftOf('listing', item.id, 2, listing, Date.now()));
}

function corruptSignature(record: SignedRecord): { hash: string; bytes: Uint8Array } {
  const bytes = record.bytes.slice();
  bytes[10]! ^= 0x40;
  return { hash: recordHash(bytes), bytes };
}

describe('persistence', () => {
  it('reopens the same folder to the same catalog, marketplace and counts', async () => {
    const { dataDir, engine, items, health } = await demo();
    await fx.close(engine);
    const again = await fx.open(dataDir);
    const reopened = await ok<Health>(again, 'system.health');
    expect(reopened.counts).toEqual(health.counts);
    expect(reopened.counts.quarantined).toBe(0);
    expect(reopened.marketplace).toEqual(health.marketplace);
    expect(reopened.identity).toEqual(health.identity);
    const after = (await everything(again)).items;
    expect(after.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(after.map((i) => [i.id, i.price, i.referenceCost])).toEqual(items.map((i) => [i.id, i.price, i.referenceCost]));
    expect(after).toEqual(items);
    expect(await ok(again, 'catalog.get', { id: items[3]!.id })).toEqual(items[3]);
  });

  it('applies the newest price of a repriced model, after a restart too', async () => {
    const { dataDir, engine, items } = await demo();
    const repriced = items.filter((i) => engine.catalog.priceHistory(i.id).length > 1);
    expect(repriced.length).toBeGreaterThan(0);
    for (const item of repriced) expect(item.price).toEqual(engine.catalog.priceHistory(item.id).at(-1)!.price.price);
    await fx.close(engine);
    const again = await fx.open(dataDir);
    for (const item of repriced) expect((await ok<CatalogItem>(again, 'catalog.get', { id: item.id })).price).toEqual(item.price);
  });

  it('quarantines forged and corrupted records written straight into a producer document, with a reason', async () => {
    const { dataDir, engine, me, items, health } = await demo();
    const theirs = items.find((i) => i.producerKey !== me)!;
    const mine = items.find((i) => i.producerKey === me)!;
    const forger = generateSigningKey();
    const forged = relisting(forger, theirs, 'Forged Listing');
    const corrupted = corruptSignature(relisting(producerKeyOf(engine.keys), mine, 'Tampered Listing'));
    await engine.docs.append(`catalog/${theirs.producerKey}`, [forged]);
    await engine.docs.append(`catalog/${me}`, [corrupted]);
    await fx.close(engine);

    const again = await fx.open(dataDir);
    const counts = (await ok<Health>(again, 'system.health')).counts;
    expect(counts.quarantined).toBe(2);
    expect(counts.records).toBe(health.counts.records);
    expect(counts.models).toBe(health.counts.models);
    expect(await ok(again, 'catalog.get', { id: theirs.id })).toEqual(theirs);
    expect(await ok(again, 'catalog.get', { id: mine.id })).toEqual(mine);
    expect((await everything(again)).items).toEqual(items);

    const rows = again.book.quarantine();
    const byHash = new Map(rows.map((r) => [r.hash, r]));
    expect(byHash.get(forged.hash)).toMatchObject({ doc: `catalog/${theirs.producerKey}`, kind: 'listing', author: forger.publicKey, subject: theirs.id });
    expect(byHash.get(forged.hash)!.reason).toMatch(/not by its producer/);
    expect(byHash.get(corrupted.hash)!.reason).toMatch(/signature does not verify/);
    for (const row of rows) expect(row.reason.length).toBeGreaterThan(0);
    expect((await again.db.quarantine.find().exec()).map((d) => d.hash).sort()).toEqual([forged.hash, corrupted.hash].sort());
  });

  it('never deletes a quarantined record: it is still stored, and still quarantined, after another restart', async () => {
    const { dataDir, engine, items, me } = await demo();
    const theirs = items.find((i) => i.producerKey !== me)!;
    const forged = relisting(generateSigningKey(), theirs, 'Forged Again');
    await engine.docs.append(`catalog/${theirs.producerKey}`, [forged]);
    await fx.close(engine);
    await fx.close(await fx.open(dataDir));
    const third = await fx.open(dataDir);
    expect(third.docs.has(`catalog/${theirs.producerKey}`, forged.hash)).toBe(true);
    expect((await ok<Health>(third, 'system.health')).counts.quarantined).toBe(1);
  });

  it('quarantines bytes that are not a record at all, without breaking the rest', async () => {
    const { dataDir, engine, me, health } = await demo();
    await engine.docs.append(`catalog/${me}`, [{ hash: 'f'.repeat(64), bytes: new Uint8Array([1, 2, 3]) }]);
    await fx.close(engine);
    const again = await fx.open(dataDir);
    const after = await ok<Health>(again, 'system.health');
    expect(after.counts).toEqual({ ...health.counts, quarantined: 1 });
    expect(again.book.quarantine()[0]).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/too short/) });
  });

  it('does apply a validly signed newer listing written straight into the document (the control case)', async () => {
    const { dataDir, engine, me, items, health } = await demo();
    const mine = items.find((i) => i.producerKey === me)!;
    const update = relisting(producerKeyOf(engine.keys), mine, 'Renamed By Its Producer');
    await engine.docs.append(`catalog/${me}`, [update]);
    await fx.close(engine);
    const again = await fx.open(dataDir);
    const after = await ok<Health>(again, 'system.health');
    expect(after.counts).toEqual({ ...health.counts, records: health.counts.records + 1 });
    expect(await ok(again, 'catalog.get', { id: mine.id })).toMatchObject({ name: 'Renamed By Its Producer', version: '9.9.9', price: mine.price });
  });

  it('refuses to publish a record its peers would quarantine, and writes nothing', async () => {
    const { engine, items, me, health } = await demo();
    const theirs = items.find((i) => i.producerKey !== me)!;
    const forged = relisting(producerKeyOf(engine.keys), theirs, 'Not Mine To Sign');
    await expect(engine.publish(`catalog/${me}`, [forged])).rejects.toThrow(/not by its producer/);
    expect(engine.docs.has(`catalog/${me}`, forged.hash)).toBe(false);
    expect((await ok<Health>(engine, 'system.health')).counts).toEqual(health.counts);
  });
});
