import { open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from './file-storage';

/** Small local files (root pointer, settings, keys) are replaced atomically and durably too. */
export async function writeAtomically(path: string, content: string, mode = 0o600): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, content, { mode });
  const handle = await open(temp, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncFolder(join(path, '..'));
}
