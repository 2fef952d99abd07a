import { afterEach, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src-main/engine/secrets/api-keys';
import { Fixture, ok } from '../engine/helpers';
import { storeHash } from './store-hash';

const fx = new Fixture();
afterEach(() => fx.cleanup());

describe('storeHash', () => {
  it('is stable while nothing is written, and changes with records, settings and secrets', async () => {
    const engine = await fx.open();
    const empty = await storeHash(engine);
    await ok(engine, 'system.health');
    await ok(engine, 'catalog.list', {});
    expect(await storeHash(engine)).toBe(empty);

    await ok(engine, 'marketplace.create', { name: 'Hash market' });
    const withMarket = await storeHash(engine);
    expect(withMarket).not.toBe(empty);

    await ok(engine, 'settings.set', { theme: 'dark' });
    const withSettings = await storeHash(engine);
    expect(withSettings).not.toBe(withMarket);

    await (await ApiKeyStore.open(engine.secrets)).set('https://api.example.com', 'sk-hash-test');
    expect(await storeHash(engine)).not.toBe(withSettings);
  });
});
