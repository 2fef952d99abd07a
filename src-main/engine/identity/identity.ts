import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretFiles } from '../secrets/secret-files';
import { generateSigningKey, signingKeyFromPem, signingKeyToPem, type SigningKey } from './keys';

/** The keys this engine holds: the person's identity, this device's key, and a treasury if it runs one. */
export interface LocalKeys {
  identity: SigningKey;
  device: SigningKey;
  treasury: SigningKey | null;
  /**
   * Only in a demo folder: the demo's own producer (My Model Lab), kept beside a local identity that
   * is a plain buyer, so a newcomer can route to, pay for and review that producer's models and
   * still open the producer console as it. Everywhere else the identity is its own producer.
   */
  demoProducer: SigningKey | null;
}

/** The key the producer side (listings, prices, profile, replies, reward claims) signs with. */
export function producerKeyOf(keys: Pick<LocalKeys, 'identity' | 'demoProducer'>): SigningKey {
  return keys.demoProducer ?? keys.identity;
}

type KeyName = 'identity' | 'device' | 'treasury' | 'demo-producer';
const folderOf = (dataDir: string) => join(dataDir, 'identity');
// Key files go through the data folder's secrets (secrets/secret-files.ts): mode 0600, and
// AES-256-GCM encrypted when the folder was opened with a data key or passphrase.
const labelOf = (name: KeyName) => `identity/${name}.pem` as const;

async function readKey(secrets: SecretFiles, name: KeyName): Promise<SigningKey | null> {
  const pem = await secrets.read(labelOf(name));
  if (pem === null) return null;
  try {
    return signingKeyFromPem(pem);
  } catch (error) {
    throw new Error(`cannot read key file ${join(folderOf(secrets.dataDir), `${name}.pem`)}: ${(error as Error).message}`, { cause: error });
  }
}

async function writeKey(secrets: SecretFiles, name: KeyName, key: SigningKey): Promise<void> {
  await secrets.write(labelOf(name), signingKeyToPem(key));
}

/** Loads the local keys, making the identity and device keys on first start (files mode 0600). */
export async function loadOrCreateKeys(secrets: SecretFiles): Promise<{ keys: LocalKeys; created: boolean }> {
  await mkdir(folderOf(secrets.dataDir), { recursive: true, mode: 0o700 });
  let identity = await readKey(secrets, 'identity');
  let device = await readKey(secrets, 'device');
  const created = identity === null;
  if (!identity) {
    identity = generateSigningKey();
    await writeKey(secrets, 'identity', identity);
  }
  if (!device) {
    device = generateSigningKey();
    await writeKey(secrets, 'device', device);
  }
  const treasury = await readKey(secrets, 'treasury');
  const demoProducer = await readKey(secrets, 'demo-producer');
  return { keys: { identity, device, treasury, demoProducer }, created };
}

export async function saveTreasuryKey(secrets: SecretFiles, key: SigningKey): Promise<void> {
  await writeKey(secrets, 'treasury', key);
}

export async function saveDemoProducerKey(secrets: SecretFiles, key: SigningKey): Promise<void> {
  await writeKey(secrets, 'demo-producer', key);
}

/**
 * The private keys as PEM (decrypted), for a backup or to move this identity to another machine.
 * `secrets` comes from opening the folder (openSecretFolder) with its key.
 */
export async function exportKeys(secrets: SecretFiles): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['identity', 'device', 'treasury', 'demo-producer'] as const) {
    const pem = await secrets.read(labelOf(name));
    if (pem !== null) out[name] = pem;
  }
  return out;
}
