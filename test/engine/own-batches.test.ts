import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { BATCH_EVERY } from '../../src-main/engine/catalog/own-batches';
import { catalogDocOf } from '../../src-main/engine/catalog/publish';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { BATCH_MIN } from '../../src-main/engine/records/batch';
import { decodeRecord, draftOf, recordHash, signRecord } from '../../src-main/engine/records/signed';
import { syntheticProducers } from '../../src-main/engine/seed/synthetic';
import { listing } from '../sync/helpers';
import { Fixture, ok } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

/** The decoded records of this engine's own catalog document. */
function catalog(engine: Engine) {
  return engine.docs
    .records(catalogDocOf(engine.keys.identity.publicKey))
    .map(([hash, bytes]) => ({ hash, decoded: decodeRecord(bytes, null, hash) }))
    .flatMap(({ hash, decoded }) => (decoded.ok ? [{ hash, payload: decoded.record.payload }] : []));
}

function batchesIn(engine: Engine): string[][] {
  return catalog(engine)
    .filter((r) => r.payload.kind === 'batch')
    .map((r) => (r.payload.body as { hashes: string[] }).hashes);
}

async function publish(engine: Engine, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) await ok(engine, 'models.publish', listing(`batched-${i}`));
}

describe('batch signatures over this engine’s own catalog', () => {
  it('signs one batch over its listings and prices once BATCH_EVERY of them wait, and not before', async () => {
    const engine = await fx.open();
    await ok(engine, 'marketplace.create', { name: 'Batches' });
    // Each publish with a price signs two records: a listing and its price.
    await publish(engine, 0, BATCH_EVERY / 2 - 1);
    expect(batchesIn(engine)).toEqual([]);
    await publish(engine, BATCH_EVERY / 2 - 1, 1);
    const own = catalog(engine).filter((r) => r.payload.kind !== 'batch');
    expect(own).toHaveLength(BATCH_EVERY);
    expect(batchesIn(engine)).toEqual([own.map((r) => r.hash).sort()]);
    expect(engine.book.quarantineCount).toBe(0);
    await publish(engine, BATCH_EVERY / 2, 1);
    expect(batchesIn(engine)).toHaveLength(1);
  });

  it('counts what waited before a restart, and never lists a record that only claims its author', async () => {
    const dir = await fx.tempDir();
    const engine = await fx.open(dir);
    await ok(engine, 'marketplace.create', { name: 'Batches' });
    await publish(engine, 0, BATCH_EVERY / 2 - 1);
    // A peer writes a record "by" this identity into its catalog, with a signature of another key.
    const me = engine.keys.identity.publicKey;
    const impostor = signRecord(generateSigningKey(), draftOf('profile', me, 99, { name: 'Not me', description: '', contact: '', website: '' }, 1));
    const forged = impostor.bytes.slice();
    const mine = signRecord(engine.keys.identity, draftOf('profile', me, 99, { name: 'Not me', description: '', contact: '', website: '' }, 1));
    forged.set(impostor.bytes.subarray(0, 64), 0);
    forged.set(mine.bytes.subarray(64), 64);
    const forgedHash = recordHash(forged);
    engine.docs.write(engine.docs.documents().find((d) => d.name === catalogDocOf(me))!.url, [[forgedHash, forged]]);
    await fx.close(engine);

    const again = await fx.open(dir);
    expect(again.book.quarantine().map((row) => row.hash)).toEqual([forgedHash]);
    await publish(again, BATCH_EVERY / 2 - 1, 1);
    const [batch] = batchesIn(again);
    expect(batch).toHaveLength(BATCH_EVERY);
    expect(batch).not.toContain(forgedHash);
    expect(again.book.quarantine().map((row) => row.hash)).toEqual([forgedHash]);
  });
});

describe('batch signatures in the seeds', () => {
  it('a synthetic producer signs one batch over its profile, listings and prices', () => {
    const [producer] = [...syntheticProducers(BATCH_MIN * 10, 3)];
    const batches = producer!.records.filter((r) => r.payload.kind === 'batch');
    const others = producer!.records.filter((r) => r.payload.kind !== 'batch');
    expect(batches).toHaveLength(1);
    expect((batches[0]!.payload.body as { hashes: string[] }).hashes).toEqual(others.map((r) => r.hash).sort());
  });
});
