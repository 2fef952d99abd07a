import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureVerifier } from '../../src-main/engine/identity/keys';
import { authorityViolation } from '../../src-main/engine/records/authority';
import { decodeRecord } from '../../src-main/engine/records/signed';
import { keyFromSeed, seededRandom } from '../../src-main/engine/seed/producer-kit';
import { seedSynthetic } from '../../src-main/engine/seed/seed-synthetic';
import { MODELS_PER_PRODUCER, syntheticProducers } from '../../src-main/engine/seed/synthetic';
import { Fixture, everything, ok, type Health } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

/** One hash over every record's bytes, in the order they are produced. */
function digest(count: number, seed: number): string {
  const hash = createHash('sha256');
  for (const { producerKey, records } of syntheticProducers(count, seed)) {
    hash.update(producerKey);
    for (const record of records) hash.update(record.bytes);
  }
  return hash.digest('hex');
}

describe('syntheticProducers', () => {
  it('gives byte-identical signed records for the same count and seed', () => {
    expect(digest(250, 7)).toBe(digest(250, 7));
  });

  it('gives different records for another seed or count', () => {
    expect(digest(250, 8)).not.toBe(digest(250, 7));
    expect(digest(249, 7)).not.toBe(digest(250, 7));
  });

  it('groups 250 models into 3 producers of 100, 100 and 50', () => {
    const producers = [...syntheticProducers(250, 7)];
    expect(MODELS_PER_PRODUCER).toBe(100);
    expect(producers).toHaveLength(3);
    const listings = producers.map((p) => p.records.filter((r) => r.payload.kind === 'listing').length);
    expect(listings).toEqual([100, 100, 50]);
    expect(new Set(producers.map((p) => p.producerKey)).size).toBe(3);
  });

  it('makes records every peer accepts: verified signatures, signed by the producer they name', () => {
    const verifier = new SignatureVerifier();
    for (const { producerKey, records } of syntheticProducers(120, 3)) {
      const subjects = new Set<string>();
      for (const record of records) {
        const decoded = decodeRecord(record.bytes, verifier);
        expect(decoded.ok).toBe(true);
        expect(record.payload.author).toBe(producerKey);
        expect(authorityViolation(record.payload, { marketplaceId: null })).toBeNull();
        if (record.payload.kind === 'listing') subjects.add(record.payload.subject);
      }
      expect(subjects.size).toBe(records.filter((r) => r.payload.kind === 'listing').length);
    }
  });
});

describe('seed helpers', () => {
  it('derives the same key from the same 32-byte seed, and refuses other sizes', () => {
    const seed = new Uint8Array(32).fill(7);
    expect(keyFromSeed(seed).publicKey).toBe(keyFromSeed(seed.slice()).publicKey);
    expect(keyFromSeed(new Uint8Array(32).fill(8)).publicKey).not.toBe(keyFromSeed(seed).publicKey);
    expect(() => keyFromSeed(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('repeats a seeded random sequence, within [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(values);
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });
});

describe('seedSynthetic', () => {
  it('adds N models to an engine, making a marketplace first, and they survive a restart', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    await seedSynthetic(engine, 150, 5);
    const health = await ok<Health>(engine, 'system.health');
    expect(health.marketplace).not.toBeNull();
    expect(health.counts).toMatchObject({ producers: 2, models: 150, quarantined: 0 });
    const before = (await everything(engine)).items;
    await fx.close(engine);
    const again = await fx.open(dataDir);
    expect((await everything(again)).items).toEqual(before);
  });

  it('adds the same records when run twice with the same seed (idempotent)', async () => {
    const engine = await fx.open();
    await seedSynthetic(engine, 120, 9);
    const once = await ok<Health>(engine, 'system.health');
    await seedSynthetic(engine, 120, 9);
    expect((await ok<Health>(engine, 'system.health')).counts).toEqual(once.counts);
  });
});
