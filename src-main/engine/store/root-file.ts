import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AutomergeUrl } from '@automerge/automerge-repo';
import { writeAtomically } from './atomic-file';

/** root.json: where this folder's index document is. */
export interface RootFile {
  indexUrl: AutomergeUrl;
}

export async function readRoot(dataDir: string): Promise<RootFile | null> {
  const path = join(dataDir, 'root.json');
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<RootFile>;
    if (typeof parsed.indexUrl !== 'string') throw new Error(`${path} has no indexUrl`);
    return { indexUrl: parsed.indexUrl as AutomergeUrl };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function writeRoot(dataDir: string, root: RootFile): Promise<void> {
  return writeAtomically(join(dataDir, 'root.json'), JSON.stringify(root));
}
