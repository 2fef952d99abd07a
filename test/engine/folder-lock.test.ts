import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_SOCKET_NAME, acquireFolderLock, askHolder, lockAddress, type FolderLock } from '../../src-main/engine/store/folder-lock';

const dirs: string[] = [];
const locks: FolderLock[] = [];
afterEach(async () => {
  for (const lock of locks.splice(0)) await lock.release();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lock-'));
  dirs.push(dir);
  return dir;
}

describe('the data-folder lock', () => {
  it('refuses a second holder with CONFLICT naming the first, and frees the folder on release', async () => {
    const dir = await folder();
    const first = await acquireFolderLock(dir, 'infiniroute serve');
    const refusal = await acquireFolderLock(dir, 'infiniroute seed').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
    expect((refusal as Error).message).toMatch(new RegExp(`in use by infiniroute serve \\(pid ${process.pid}, since `));
    await first.release();
    locks.push(await acquireFolderLock(dir, 'infiniroute seed'));
  });

  it('takes over a socket file nobody answers on (a crashed engine)', async () => {
    const dir = await folder();
    // What kill -9 leaves behind: a process that listened on the socket and died without closing it.
    const script = "require('net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))";
    spawnSync(process.execPath, ['-e', script, join(dir, LOCK_SOCKET_NAME)]);
    expect((await lstat(join(dir, LOCK_SOCKET_NAME))).isSocket()).toBe(true);
    expect(await askHolder(join(dir, LOCK_SOCKET_NAME), 'holder')).toBeNull();
    const lock = await acquireFolderLock(dir, 'infiniroute serve');
    locks.push(lock);
    expect(JSON.parse((await askHolder(lock.address, 'holder'))![0]!)).toMatchObject({ pid: process.pid, role: 'infiniroute serve' });
  });

  it('lets one of two racing openers win and refuses the other', async () => {
    const dir = await folder();
    await writeFile(join(dir, LOCK_SOCKET_NAME), 'left by nobody');
    const outcomes = await Promise.allSettled([acquireFolderLock(dir, 'a'), acquireFolderLock(dir, 'b')]);
    for (const o of outcomes) if (o.status === 'fulfilled') locks.push(o.value);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });

  it('locks a folder whose path is too long for a socket address in the temp folder, by its real path', async () => {
    const dir = join(await folder(), 'a'.repeat(60), 'b'.repeat(60));
    await mkdir(dir, { recursive: true });
    const address = await lockAddress(dir);
    expect(address).toMatch(/infiniroute-[0-9a-f]{32}\.sock$/);
    expect(address.startsWith(tmpdir())).toBe(true);
    const lock = await acquireFolderLock(dir, 'infiniroute serve');
    locks.push(lock);
    await expect(acquireFolderLock(dir, 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
