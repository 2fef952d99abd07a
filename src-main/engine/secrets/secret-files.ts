import { chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeAtomically } from '../store/atomic-file';
import { SecretBox, openSecretText, type DataKey } from './secret-box';

/**
 * The secret files of a data folder, by label (the path inside the folder, '/'-separated). Every one
 * is mode 0600 in a 0700 folder, and AES-256-GCM encrypted when the folder has a data key.
 */
export const SECRET_FILES = ['identity/identity.pem', 'identity/device.pem', 'identity/treasury.pem', 'identity/demo-producer.pem', 'secrets/api-keys.json'] as const;
export type SecretLabel = (typeof SECRET_FILES)[number];

const pathOf = (dataDir: string, label: string) => join(dataDir, ...label.split('/'));

/**
 * A data folder's secret files with the box it was opened with: the engine opens it once
 * (openSecretFolder) and hands it to what reads or writes a secret (key files, the API key store).
 */
export class SecretFiles {
  constructor(
    readonly dataDir: string,
    readonly box: SecretBox | null,
  ) {}

  read(label: SecretLabel): Promise<string | null> {
    return readSecret(this.dataDir, label, this.box);
  }

  write(label: SecretLabel, text: string): Promise<void> {
    return writeSecret(this.dataDir, label, text, this.box);
  }
}

/** A secret file's plaintext, or null if it does not exist. Throws a SecretsError if it cannot be opened. */
export async function readSecret(dataDir: string, label: string, box: SecretBox | null): Promise<string | null> {
  return (await readSecretFile(dataDir, label, box))?.text ?? null;
}

async function readSecretFile(dataDir: string, label: string, box: SecretBox | null): Promise<{ text: string; encrypted: boolean } | null> {
  let raw: string;
  try {
    raw = await readFile(pathOf(dataDir, label), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return openSecretText(raw, label, box);
}

/** Writes a secret file atomically, mode 0600, encrypted when the folder has a data key. */
export async function writeSecret(dataDir: string, label: string, text: string, box: SecretBox | null): Promise<void> {
  const path = pathOf(dataDir, label);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeAtomically(path, box ? await box.seal(label, text) : text, 0o600);
  // writeFile's mode is filtered by the umask and ignored for an existing file: say it again.
  await chmod(path, 0o600);
}

export interface SecretFolder {
  box: SecretBox | null;
  /** The folder's secret files with that box: what the engine holds and hands on. */
  files: SecretFiles;
  /** Files that were plaintext and are now encrypted (first start with a key). */
  upgraded: SecretLabel[];
  /** Files that exist (after the upgrade). */
  present: SecretLabel[];
}

/**
 * Opens a data folder's secrets with `dataKey` (or none): every existing secret file is opened
 * first, so a wrong passphrase fails before anything is written; then plaintext files are
 * re-written encrypted when a key is given, and every file is set to mode 0600.
 */
export async function openSecretFolder(dataDir: string, dataKey: DataKey | null, options: { upgrade?: boolean } = {}): Promise<SecretFolder> {
  const box = dataKey ? new SecretBox(dataKey) : null;
  const contents = new Map<SecretLabel, { text: string; encrypted: boolean }>();
  // Sequential: the first envelope decides the passphrase's salt, later ones reuse the derived key.
  for (const label of SECRET_FILES) {
    const file = await readSecretFile(dataDir, label, box);
    if (file) contents.set(label, file);
  }
  const upgraded: SecretLabel[] = [];
  for (const [label, file] of contents) {
    if (box && !file.encrypted && options.upgrade !== false) {
      await writeSecret(dataDir, label, file.text, box);
      upgraded.push(label);
    } else {
      await chmod(pathOf(dataDir, label), 0o600);
    }
  }
  return { box, files: new SecretFiles(dataDir, box), upgraded, present: [...contents.keys()] };
}
