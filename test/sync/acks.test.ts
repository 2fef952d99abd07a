import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeads, type Doc } from '@automerge/automerge';
import { Repo, type DocHandle } from '@automerge/automerge-repo';
import { afterEach, describe, expect, it } from 'vitest';
import { AckTracker } from '../../src-main/engine/sync/acks';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ir-acks-'));
  dirs.push(dir);
  return dir;
}

const hexHeads = (handle: DocHandle<unknown>) => getHeads(handle.doc() as Doc<unknown>);

describe('acknowledged heads', () => {
  it('a document is pending until a peer shares its current heads, and stays acknowledged across a restart', async () => {
    const dir = await folder();
    const repo = new Repo();
    const handle = repo.create<{ records: Record<string, string> }>({ records: {} });
    handle.change((d) => {
      d.records.a = 'x';
    });
    const acks = new AckTracker(dir);
    await acks.load();
    acks.appended(handle.documentId, 1);
    expect(acks.pending([handle])).toEqual({ docs: 1, records: 1 });
    // A peer that holds only an older state does not acknowledge it.
    expect(acks.synced(handle, [])).toBe(false);
    expect(acks.pending([handle]).docs).toBe(1);
    expect(acks.synced(handle, hexHeads(handle))).toBe(true);
    expect(acks.pending([handle])).toEqual({ docs: 0, records: 0 });
    await acks.close();

    // The file names heads as automerge-repo shows them (base58check), as it always did.
    const stored = JSON.parse(await readFile(join(dir, 'sync', 'acks.json'), 'utf8')) as { acked: Record<string, string[]> };
    expect(stored.acked[handle.documentId]).toEqual(handle.heads());

    const again = new AckTracker(dir);
    await again.load();
    expect(again.pending([handle])).toEqual({ docs: 0, records: 0 });
    // A new local change is pending again.
    handle.change((d) => {
      d.records.b = 'y';
    });
    expect(again.pending([handle]).docs).toBe(1);
    await again.close();
  });

  it('a stored head that does not decode only leaves its document pending', async () => {
    const dir = await folder();
    const repo = new Repo();
    const handle = repo.create<{ n: number }>({ n: 1 });
    const first = new AckTracker(dir);
    await first.load();
    first.synced(handle, hexHeads(handle));
    first.appended('other-doc', 1);
    await first.close();
    const path = join(dir, 'sync', 'acks.json');
    const stored = JSON.parse(await readFile(path, 'utf8')) as { acked: Record<string, unknown[]> };
    stored.acked[handle.documentId] = ['not-a-head', 42];
    await writeFile(path, JSON.stringify(stored));
    const again = new AckTracker(dir);
    await again.load();
    expect(again.pending([handle])).toEqual({ docs: 1, records: 0 });
    await again.close();
  });
});
