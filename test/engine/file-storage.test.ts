import { readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableFileStorage, nameToSegment, segmentToName } from '../../src-main/engine/store/file-storage';
import { Fixture } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const bytes = (...values: number[]) => new Uint8Array(values);

async function storage(): Promise<{ root: string; store: DurableFileStorage }> {
  const root = await fx.tempDir();
  return { root, store: new DurableFileStorage(root) };
}

/** All files under a folder, recursively, as paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

const sortChunks = (chunks: Array<{ key: string[]; data?: Uint8Array }>) =>
  chunks.map((c) => ({ key: c.key, data: c.data ? [...c.data] : undefined })).sort((a, b) => (a.key.join('/') < b.key.join('/') ? -1 : 1));

describe('segment names', () => {
  it('keeps safe segments as they are and escapes anything else reversibly', () => {
    expect(segmentToName('snapshot')).toBe('snapshot');
    expect(segmentToName('3vbn_A-9')).toBe('3vbn_A-9');
    for (const odd of ['a/b', '..', '.', '', 'with space', '~tilde', 'x.tmp-1', 'é', 'a\\b', 'C:']) {
      const name = segmentToName(odd);
      expect(name).toMatch(/^~[0-9a-f]*$/);
      expect(nameToSegment(name)).toBe(odd);
    }
  });
});

describe('DurableFileStorage', () => {
  it('saves, loads, overwrites and removes a value', async () => {
    const { store } = await storage();
    expect(await store.load(['doc', 'snapshot', 'h1'])).toBeUndefined();
    await store.save(['doc', 'snapshot', 'h1'], bytes(1, 2, 3));
    expect(await store.load(['doc', 'snapshot', 'h1'])).toEqual(bytes(1, 2, 3));
    await store.save(['doc', 'snapshot', 'h1'], bytes(9));
    expect(await store.load(['doc', 'snapshot', 'h1'])).toEqual(bytes(9));
    await store.remove(['doc', 'snapshot', 'h1']);
    expect(await store.load(['doc', 'snapshot', 'h1'])).toBeUndefined();
  });

  it('removing a missing key is not an error', async () => {
    const { store } = await storage();
    await expect(store.remove(['nothing', 'here'])).resolves.toBeUndefined();
  });

  it('stores an empty value as empty, not as missing', async () => {
    const { store } = await storage();
    await store.save(['empty'], new Uint8Array(0));
    expect(await store.load(['empty'])).toEqual(new Uint8Array(0));
  });

  it('loadRange returns exactly the chunks under the prefix, with their keys', async () => {
    const { store } = await storage();
    await store.save(['docA', 'snapshot', 's1'], bytes(1));
    await store.save(['docA', 'incremental', 'i1'], bytes(2));
    await store.save(['docA', 'incremental', 'i2'], bytes(3));
    await store.save(['docAB', 'snapshot', 's1'], bytes(4)); // shares a string prefix, not a key prefix
    await store.save(['docB', 'snapshot', 's1'], bytes(5));

    expect(sortChunks(await store.loadRange(['docA']))).toEqual([
      { key: ['docA', 'incremental', 'i1'], data: [2] },
      { key: ['docA', 'incremental', 'i2'], data: [3] },
      { key: ['docA', 'snapshot', 's1'], data: [1] },
    ]);
    expect(sortChunks(await store.loadRange(['docA', 'incremental']))).toEqual([
      { key: ['docA', 'incremental', 'i1'], data: [2] },
      { key: ['docA', 'incremental', 'i2'], data: [3] },
    ]);
    expect(await store.loadRange(['docC'])).toEqual([]);
  });

  it('loadRange with a full key returns that one chunk', async () => {
    const { store } = await storage();
    await store.save(['docA', 'snapshot', 's1'], bytes(7));
    expect(sortChunks(await store.loadRange(['docA', 'snapshot', 's1']))).toEqual([{ key: ['docA', 'snapshot', 's1'], data: [7] }]);
  });

  it('gives back key segments with odd characters exactly, and keeps them inside its folder', async () => {
    const { root, store } = await storage();
    const odd = ['doc', 'sync-state', '../../escape'];
    const odder = ['doc', 'sync-state', 'peer/with slash ~ é \\ .tmp-1'];
    await store.save(odd, bytes(1));
    await store.save(odder, bytes(2));
    await store.save(['doc', '..'], bytes(3));
    expect(sortChunks(await store.loadRange(['doc']))).toEqual(sortChunks([
      { key: odd, data: bytes(1) },
      { key: odder, data: bytes(2) },
      { key: ['doc', '..'], data: bytes(3) },
    ]));
    expect(await store.load(odd)).toEqual(bytes(1));
    for (const file of await filesUnder(root)) expect(file.startsWith('doc/')).toBe(true);
  });

  it('removeRange removes everything under the prefix and nothing else', async () => {
    const { store } = await storage();
    await store.save(['docA', 'snapshot', 's1'], bytes(1));
    await store.save(['docA', 'incremental', 'i1'], bytes(2));
    await store.save(['docAB', 'snapshot', 's1'], bytes(3));
    await store.removeRange(['docA']);
    expect(await store.loadRange(['docA'])).toEqual([]);
    expect(await store.load(['docA', 'snapshot', 's1'])).toBeUndefined();
    expect(await store.load(['docAB', 'snapshot', 's1'])).toEqual(bytes(3));
    await expect(store.removeRange(['never-there'])).resolves.toBeUndefined();
  });

  it('ignores a leftover temp file from an interrupted write', async () => {
    const { root, store } = await storage();
    await store.save(['doc', 'snapshot', 's1'], bytes(1));
    await writeFile(join(root, 'doc', 'snapshot', 's2.tmp-4242-abc'), bytes(66));
    await mkdir(join(root, 'doc', 'incremental'), { recursive: true });
    await writeFile(join(root, 'doc', 'incremental', 'i1.tmp-1-x'), bytes(67));
    expect(sortChunks(await store.loadRange(['doc']))).toEqual([{ key: ['doc', 'snapshot', 's1'], data: [1] }]);
    expect(await store.load(['doc', 'snapshot', 's2'])).toBeUndefined();
  });

  it('leaves no temp file behind after a save', async () => {
    const { root, store } = await storage();
    await store.save(['doc', 'snapshot', 's1'], bytes(1));
    await store.save(['doc', 'snapshot', 's1'], bytes(2));
    expect(await filesUnder(root)).toEqual(['doc/snapshot/s1']);
  });

  it('writes files readable and writable by their owner only (mode 0600)', async () => {
    const { root, store } = await storage();
    await store.save(['doc', 'snapshot', 's1'], bytes(1));
    await store.save(['doc', 'sync-state', 'peer ~ 1'], bytes(2));
    const files = await filesUnder(root);
    expect(files).toHaveLength(2);
    for (const file of files) expect((await stat(join(root, file))).mode & 0o777).toBe(0o600);
  });

  it('close waits for the writes in flight, then ignores later ones', async () => {
    const { root, store } = await storage();
    const pending = store.save(['doc', 'snapshot', 's1'], bytes(1));
    await store.close();
    expect(await filesUnder(root)).toEqual(['doc/snapshot/s1']);
    await pending;
    await store.save(['doc', 'snapshot', 's2'], bytes(2));
    await store.remove(['doc', 'snapshot', 's1']);
    await store.removeRange(['doc']);
    expect(await filesUnder(root)).toEqual(['doc/snapshot/s1']);
  });
});
