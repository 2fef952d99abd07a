import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { exportKeys } from '../../src-main/engine/identity/identity';
import { openTestEngine, type TestEngine } from '../catalog/helpers';

const PRICE = { inputPer1M: 300_000, outputPer1M: 900_000, perRequest: 0 };
const LISTING = {
  slug: 'first-own-model',
  name: 'First Own Model',
  description: 'Listed from the producer console',
  tasks: ['support'],
  industries: ['retail'],
  modality: 'text' as const,
  contextWindow: 8_192,
  endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: 'first-own-model' },
  version: '1.0.0',
  claimed: { accuracyBps: { support: 8_000 }, latencyP50Ms: 300, latencyP95Ms: 700, successRateBps: 9_900, throughputTps: 60 },
};

let t: TestEngine;
beforeAll(async () => {
  t = await openTestEngine();
  await t.call('marketplace.openDemo', {});
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo splits the buyer from the producer it can act as', () => {
  it('keeps the demo producer key beside the identity as a secret file, and says so in health', async () => {
    const { identity } = await t.call('system.health', {});
    expect(identity.demoProducer).toBe(true);
    expect(identity.producerKey).not.toBe(identity.publicKey);
    const file = await stat(join(t.dir, 'identity', 'demo-producer.pem'));
    expect(file.mode & 0o777).toBe(0o600);
    expect((await t.call('producers.get', {})).profile?.name).toBe('My Model Lab');
    expect((await t.call('producers.get', { producerKey: identity.producerKey })).isMe).toBe(true);
  });

  it('gives the local identity a balance to spend and lets it review the demo producer\'s models', async () => {
    const { identity } = await t.call('system.health', {});
    expect((await t.call('ledger.balance', {})).balance).toBeGreaterThan(0);
    const own = (await t.call('catalog.list', { filters: { producer: identity.producerKey }, limit: 10 })).items[0]!;
    const review = await t.call('reviews.submit', { modelId: own.id, rating: 4, text: 'Answered my first prompt well.' });
    expect(review).toMatchObject({ reviewer: identity.publicKey, mine: true });
    // The producer console, acting as My Model Lab, answers it.
    const replied = await t.call('reviews.reply', { modelId: own.id, reviewer: identity.publicKey, text: 'Thank you!' });
    expect(replied.reply?.text).toBe('Thank you!');
  });

  it('signs the producer console\'s listings and prices with the demo producer key, and only for its models', async () => {
    const { identity } = await t.call('system.health', {});
    const item = await t.call('models.publish', { ...LISTING, price: PRICE });
    expect(item.producerKey).toBe(identity.producerKey);
    const own = (await t.call('catalog.list', { filters: { producer: identity.producerKey }, limit: 10 })).items[0]!;
    await t.call('pricing.set', { modelId: own.id, price: PRICE });
    expect((await t.call('catalog.get', { id: own.id })).price).toEqual(PRICE);
    const other = (await t.call('catalog.list', { limit: 100 })).items.find((i) => i.producerKey !== identity.producerKey)!;
    expect((await t.fail('pricing.set', { modelId: other.id, price: PRICE })).code).toBe('FORBIDDEN');
    expect((await t.call('rewards.epochs', {})).me).toBe(identity.producerKey);
  });

  it('reads the demo producer key back after a restart', async () => {
    const before = (await t.call('system.health', {})).identity;
    await t.engine.close();
    const again = await openTestEngine({ dir: t.dir });
    try {
      expect((await again.call('system.health', {})).identity).toEqual(before);
      const item = await again.call('models.publish', { ...LISTING, slug: 'after-restart', name: 'After Restart' });
      expect(item.producerKey).toBe(before.producerKey);
    } finally {
      await again.engine.close();
    }
    t = await openTestEngine({ dir: t.dir });
  });
});

describe('the demo producer key at rest', () => {
  it('is encrypted like the other keys when the folder has a passphrase, and comes back with it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ir-demo-secret-'));
    const dataKey = { kind: 'passphrase' as const, passphrase: 'correct horse battery staple' };
    try {
      const engine = await Engine.open({ dataDir: dir, dataKey });
      const opened = await engine.dispatch('marketplace.openDemo', {});
      expect(opened.ok).toBe(true);
      const producerKey = engine.keys.demoProducer!.publicKey;
      await engine.close();
      expect(await readFile(join(dir, 'identity', 'demo-producer.pem'), 'utf8')).not.toContain('PRIVATE KEY');
      const again = await Engine.open({ dataDir: dir, dataKey });
      try {
        expect(again.keys.demoProducer?.publicKey).toBe(producerKey);
        expect(Object.keys(await exportKeys(again.secrets)).sort()).toEqual(['demo-producer', 'device', 'identity', 'treasury']);
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('other folders keep one identity', () => {
  it('a new marketplace\'s identity is its own producer', async () => {
    const plain = await openTestEngine();
    try {
      await plain.call('marketplace.create', { name: 'Plain market' });
      const { identity } = await plain.call('system.health', {});
      expect(identity).toMatchObject({ demoProducer: false, producerKey: identity.publicKey });
      expect((await plain.call('models.publish', LISTING)).producerKey).toBe(identity.publicKey);
      expect((await plain.fail('reviews.submit', { modelId: `${identity.publicKey}:${LISTING.slug}`, rating: 5, text: 'mine' })).code).toBe('FORBIDDEN');
    } finally {
      await plain.close();
    }
  });
});
