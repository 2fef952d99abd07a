import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../store/atomic-file';

export interface MarketplaceFile {
  /** The marketplace this data folder belongs to (its treasury key); null before create/join. */
  id: string | null;
  /** The folder holds the demo marketplace (its endpoints are the provider simulator). */
  demo: boolean;
}

/** marketplace.json: local, read once at start. */
export async function readMarketplaceFile(dataDir: string): Promise<MarketplaceFile> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, 'marketplace.json'), 'utf8')) as { id?: unknown; demo?: unknown };
    return { id: typeof parsed.id === 'string' ? parsed.id : null, demo: parsed.demo === true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { id: null, demo: false };
    throw error;
  }
}

export function writeMarketplaceFile(dataDir: string, file: MarketplaceFile): Promise<void> {
  return writeAtomically(join(dataDir, 'marketplace.json'), JSON.stringify(file.demo ? file : { id: file.id }));
}
