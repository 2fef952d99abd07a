import { readFile, stat } from 'node:fs/promises';
import type { DataKey } from './secret-box';

/** Headless protection of the private keys and API keys (the desktop uses the OS keychain instead). */
export const PASSPHRASE_ENV = 'INFINIROUTE_PASSPHRASE';

export const UNPROTECTED_WARNING = `warning: private keys are stored unencrypted (mode 0600); set ${PASSPHRASE_ENV} to encrypt them`;

/** The passphrase from INFINIROUTE_PASSPHRASE, or null when it is unset or empty. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): DataKey | null {
  const value = env[PASSPHRASE_ENV];
  return value ? { kind: 'passphrase', passphrase: value } : null;
}

/**
 * The passphrase in a file (`--passphrase-file F`): its text without one trailing newline. A file
 * others can read is allowed but reported, since it defeats the passphrase.
 */
export async function passphraseFromFile(path: string): Promise<{ dataKey: DataKey; warning: string | null }> {
  const text = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  if (text.length === 0) throw new Error(`the passphrase file ${path} is empty`);
  const { mode } = await stat(path);
  const warning = process.platform !== 'win32' && (mode & 0o077) !== 0 ? `warning: the passphrase file ${path} is readable by other users (chmod 600 it)` : null;
  return { dataKey: { kind: 'passphrase', passphrase: text }, warning };
}
