import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import { Fixture, fail, ok, type Health } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const KEY = /^[A-Za-z0-9_-]{43}$/;
const issuesOf = (error: { details?: unknown }) => (error.details as { issues: Array<{ path: string; message: string }> }).issues;

describe('a fresh data folder', () => {
  it('reports its identity, no marketplace and an empty catalog', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    const health = await ok<Health & { version: string; dataDir: string }>(engine, 'system.health');
    expect(health.identity.publicKey).toMatch(KEY);
    expect(health.identity.deviceKey).toMatch(KEY);
    expect(health.identity.deviceKey).not.toBe(health.identity.publicKey);
    expect(health.marketplace).toBeNull();
    expect(health.dataDir).toBe(dataDir);
    // The one record is the identity's certificate of this device.
    expect(health.counts).toEqual({ producers: 0, models: 0, records: 1, quarantined: 0 });
    expect(await ok(engine, 'catalog.list')).toEqual({ total: 0, items: [] });
  });

  it('keeps the identity across restarts', async () => {
    const dataDir = await fx.tempDir();
    const first = await fx.open(dataDir);
    const before = (await ok<Health>(first, 'system.health')).identity;
    await fx.close(first);
    const again = await fx.open(dataDir);
    const after = await ok<Health>(again, 'system.health');
    expect(after.identity).toEqual(before);
    expect(after.counts.records).toBe(1);
  });

  it('writes its key files readable by the owner only', async () => {
    const dataDir = await fx.tempDir();
    await fx.open(dataDir);
    const files = await readdir(join(dataDir, 'identity'));
    expect(files.sort()).toEqual(['device.pem', 'identity.pem']);
    for (const file of files) {
      expect((await stat(join(dataDir, 'identity', file))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(dataDir, 'identity', file), 'utf8')).toContain('PRIVATE KEY');
    }
    expect((await stat(join(dataDir, 'identity'))).mode & 0o077).toBe(0);
  });
});

describe('marketplace.create', () => {
  it('creates a marketplace with the default fee, epoch and grace, held by this engine', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    const info = await ok<NonNullable<Health['marketplace']>>(engine, 'marketplace.create', { name: 'Test Market' });
    expect(info).toEqual({ id: expect.stringMatching(KEY), name: 'Test Market', feeBps: 500, epochSeconds: 604_800, graceSeconds: 86_400, isTreasury: true });
    expect((await ok<Health>(engine, 'system.health')).marketplace).toEqual(info);
    expect((await stat(join(dataDir, 'identity', 'treasury.pem'))).mode & 0o777).toBe(0o600);
  });

  it('takes the fee, epoch and grace it is given, and keeps them across a restart', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    const info = await ok(engine, 'marketplace.create', { name: '  Padded  ', feeBps: 250, epochSeconds: 3_600, graceSeconds: 0 });
    expect(info).toMatchObject({ name: 'Padded', feeBps: 250, epochSeconds: 3_600, graceSeconds: 0 });
    await fx.close(engine);
    const again = await fx.open(dataDir);
    expect((await ok<Health>(again, 'system.health')).marketplace).toEqual(info);
  });

  it('refuses a second marketplace with CONFLICT and changes nothing', async () => {
    const engine = await fx.open();
    const first = await ok(engine, 'marketplace.create', { name: 'First' });
    const before = await ok<Health>(engine, 'system.health');
    const error = await fail(engine, 'marketplace.create', { name: 'Second', feeBps: 1_000 });
    expect(error.code).toBe('CONFLICT');
    const after = await ok<Health>(engine, 'system.health');
    expect(after.marketplace).toEqual(first);
    expect(after.counts).toEqual(before.counts);
    expect((await fail(engine, 'marketplace.openDemo')).code).toBe('CONFLICT');
    expect((await ok<Health>(engine, 'system.health')).counts).toEqual(before.counts);
  });

  it('emits marketplace.changed with the new info', async () => {
    const engine = await fx.open();
    const seen: EventMessage[] = [];
    engine.on((m) => seen.push(m));
    const info = await ok(engine, 'marketplace.create', { name: 'Evented' });
    expect(seen).toContainEqual({ event: 'marketplace.changed', payload: info });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x', feeBps: 5_001 }, 'feeBps'],
    [{ name: 'x', epochSeconds: 59 }, 'epochSeconds'],
    [{ name: 'x', graceSeconds: -1 }, 'graceSeconds'],
    [{ name: 'x', feeBps: 1.5 }, 'feeBps'],
    [{}, 'name'],
  ])('refuses %j at %s', async (input, field) => {
    const engine = await fx.open();
    const error = await fail(engine, 'marketplace.create', input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(issuesOf(error)[0]!.path).toBe(field);
    expect((await ok<Health>(engine, 'system.health')).marketplace).toBeNull();
  });
});

describe('input validation and unknown commands', () => {
  it.each([
    [{ limit: 'ten' }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ query: 42 }, 'query'],
    [{ sort: 'cheapest' }, 'sort'],
    [{ filters: { minCost: -1 } }, 'filters.minCost'],
    [{ filters: { maxCost: 1.5 } }, 'filters.maxCost'],
    [{ filters: { task: 'Not A Task' } }, 'filters.task'],
    [{ filters: { minAccuracyBps: 10_001 } }, 'filters.minAccuracyBps'],
    [{ filters: { measuredOnly: 'yes' } }, 'filters.measuredOnly'],
    [{ bogus: 1 }, 'bogus'],
    [{ filters: { colour: 'red' } }, 'filters.colour'],
  ])('catalog.list refuses %j, pointing at %s', async (input, field) => {
    const engine = await fx.open();
    const error = await fail(engine, 'catalog.list', input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(issuesOf(error)[0]!.path).toBe(field);
    expect(error.message).toContain(field);
  });

  it('reports every unknown key, each at its own path', async () => {
    const engine = await fx.open();
    const error = await fail(engine, 'catalog.list', { extra: 1, filters: { more: 2 } });
    expect(issuesOf(error).map((i) => i.path).sort()).toEqual(['extra', 'filters.more']);
  });

  it('refuses input that is not an object, and unknown keys on commands without input', async () => {
    const engine = await fx.open();
    expect((await fail(engine, 'catalog.list', 'all')).code).toBe('INVALID_INPUT');
    expect((await fail(engine, 'catalog.list', null)).code).toBe('INVALID_INPUT');
    expect(issuesOf(await fail(engine, 'system.health', { verbose: true }))[0]!.path).toBe('verbose');
  });

  it('treats a missing input as empty', async () => {
    const engine = await fx.open();
    expect((await engine.dispatch('system.health', undefined)).ok).toBe(true);
  });

  it('refuses a malformed or unknown model id for catalog.get', async () => {
    const engine = await fx.open();
    expect(issuesOf(await fail(engine, 'catalog.get', { id: 'no-colon' }))[0]!.path).toBe('id');
    const unknown = `${'A'.repeat(43)}:nothing-here`;
    const error = await fail(engine, 'catalog.get', { id: unknown });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toEqual({ id: unknown });
  });

  it.each(['nope.nothing', 'constructor', '__proto__', 'toString', ''])('answers UNKNOWN_COMMAND for %j', async (name) => {
    const engine = await fx.open();
    const error = await fail(engine, name, {});
    expect(error.code).toBe('UNKNOWN_COMMAND');
  });
});

describe('settings', () => {
  it('starts at the defaults', async () => {
    const engine = await fx.open();
    expect(await ok(engine, 'settings.get')).toEqual({ theme: 'system' });
  });

  it('persists a change across a restart and tells every listener', async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    const seen: EventMessage[] = [];
    const seenToo: EventMessage[] = [];
    engine.on((m) => seen.push(m));
    engine.on((m) => seenToo.push(m));
    expect(await ok(engine, 'settings.set', { theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(seen).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(seenToo).toEqual(seen);
    await fx.close(engine);
    const again = await fx.open(dataDir);
    expect(await ok(again, 'settings.get')).toEqual({ theme: 'dark' });
  });

  it('refuses an unknown theme or key, keeps the old value and emits nothing', async () => {
    const engine = await fx.open();
    const seen: EventMessage[] = [];
    engine.on((m) => seen.push(m));
    expect(issuesOf(await fail(engine, 'settings.set', { theme: 'purple' }))[0]!.path).toBe('theme');
    expect(issuesOf(await fail(engine, 'settings.set', { fontSize: 14 }))[0]!.path).toBe('fontSize');
    expect(await ok(engine, 'settings.get')).toEqual({ theme: 'system' });
    expect(seen).toEqual([]);
  });

  it('stops calling a listener once it unsubscribes, and survives a listener that throws', async () => {
    const engine = await fx.open();
    const seen: string[] = [];
    const off = engine.on((m) => seen.push(m.event));
    engine.on(() => {
      throw new Error('listener bug');
    });
    await ok(engine, 'settings.set', { theme: 'light' });
    off();
    await ok(engine, 'settings.set', { theme: 'dark' });
    expect(seen).toEqual(['settings.changed']);
    expect(await ok(engine, 'settings.get')).toEqual({ theme: 'dark' });
  });
});
