import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../store/documents';
import { generateSigningKey, signingKeyFromPem, signingKeyToPem, type SigningKey } from './keys';

/** The keys this engine holds: the person's identity, this device's key, and a treasury if it runs one. */
export interface LocalKeys {
  identity: SigningKey;
  device: SigningKey;
  treasury: SigningKey | null;
}

const folderOf = (dataDir: string) => join(dataDir, 'identity');
const fileOf = (dataDir: string, name: 'identity' | 'device' | 'treasury') => join(folderOf(dataDir), `${name}.pem`);

async function readKey(path: string): Promise<SigningKey | null> {
  try {
    return signingKeyFromPem(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read key file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

async function writeKey(path: string, key: SigningKey): Promise<void> {
  await writeAtomically(path, signingKeyToPem(key), 0o600);
  await chmod(path, 0o600);
}

/** Loads the local keys, making the identity and device keys on first start (files mode 0600). */
export async function loadOrCreateKeys(dataDir: string): Promise<{ keys: LocalKeys; created: boolean }> {
  await mkdir(folderOf(dataDir), { recursive: true, mode: 0o700 });
  let identity = await readKey(fileOf(dataDir, 'identity'));
  let device = await readKey(fileOf(dataDir, 'device'));
  const created = identity === null;
  if (!identity) {
    identity = generateSigningKey();
    await writeKey(fileOf(dataDir, 'identity'), identity);
  }
  if (!device) {
    device = generateSigningKey();
    await writeKey(fileOf(dataDir, 'device'), device);
  }
  const treasury = await readKey(fileOf(dataDir, 'treasury'));
  return { keys: { identity, device, treasury }, created };
}

export async function saveTreasuryKey(dataDir: string, key: SigningKey): Promise<void> {
  await writeKey(fileOf(dataDir, 'treasury'), key);
}

/** The private keys as PEM, for a backup or to move this identity to another machine. */
export async function exportKeys(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['identity', 'device', 'treasury'] as const) {
    try {
      out[name] = await readFile(fileOf(dataDir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return out;
}
