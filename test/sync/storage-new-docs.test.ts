import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableFileStorage } from '../../src-main/engine/store/file-storage';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ir-storage-'));
  dirs.push(dir);
  return dir;
}

describe('file storage: documents never saved here', () => {
  it('answers "nothing" for them, and finds what is saved, now and after a reopen', async () => {
    const root = await folder();
    const store = new DurableFileStorage(root);
    expect(await store.load(['doc1', 'sync-state', 'peer'])).toBeUndefined();
    expect(await store.loadRange(['doc1', 'snapshot'])).toEqual([]);
    await store.save(['doc1', 'snapshot', 'h1'], new Uint8Array([1, 2]));
    await store.save(['storage-adapter-id'], new Uint8Array([9]));
    expect(await store.loadRange(['doc1', 'snapshot'])).toEqual([{ key: ['doc1', 'snapshot', 'h1'], data: new Uint8Array([1, 2]) }]);
    expect(await store.load(['storage-adapter-id'])).toEqual(new Uint8Array([9]));
    expect(await store.loadRange(['doc2'])).toEqual([]);
    await store.close();

    const reopened = new DurableFileStorage(root);
    expect(await reopened.loadRange(['doc1'])).toEqual([{ key: ['doc1', 'snapshot', 'h1'], data: new Uint8Array([1, 2]) }]);
    expect(await reopened.load(['storage-adapter-id'])).toEqual(new Uint8Array([9]));
    expect(await reopened.load(['doc2', 'sync-state', 'peer'])).toBeUndefined();
    await reopened.close();
  });

  it('works in a folder that does not exist yet', async () => {
    const root = join(await folder(), 'not-yet');
    const store = new DurableFileStorage(root);
    expect(await store.loadRange(['doc1'])).toEqual([]);
    await store.save(['doc1', 'incremental', 'h'], new Uint8Array([3]));
    expect(await store.loadRange(['doc1'])).toEqual([{ key: ['doc1', 'incremental', 'h'], data: new Uint8Array([3]) }]);
    await store.close();
  });
});
