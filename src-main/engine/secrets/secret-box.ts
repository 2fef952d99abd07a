import { hkdfSync, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { openWith, parseEnvelope, sealWith, serialiseEnvelope, SecretsError, type Envelope, type Kdf } from './envelope';

/**
 * What protects the secret files of a data folder: a random 32-byte data key (desktop: unwrapped
 * by the main process from the OS keychain with safeStorage) or a passphrase (headless).
 */
export type DataKey = { kind: 'raw'; key: Uint8Array } | { kind: 'passphrase'; passphrase: string };

/** scrypt cost for passphrases: ~32 MiB and ~0.1 s per derivation on the reference machine. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HKDF_INFO = Buffer.from('infiniroute secrets v1', 'utf8');

function scrypt(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Seals and opens secret files with one data key. Passphrase keys are derived once per salt and
 * cached: a folder's files share the salt of the first one read (or a fresh one), so a start costs
 * one scrypt, not one per file.
 */
export class SecretBox {
  private readonly derived = new Map<string, Promise<Buffer>>();
  private writeSalt: Buffer | null = null;

  constructor(readonly dataKey: DataKey) {
    if (dataKey.kind === 'raw' && dataKey.key.length !== 32) throw new Error('the data key must be 32 bytes');
    if (dataKey.kind === 'passphrase' && dataKey.passphrase.length === 0) throw new Error('the passphrase must not be empty');
  }

  get kind(): DataKey['kind'] {
    return this.dataKey.kind;
  }

  private keyFor(kdf: Kdf, salt: Buffer, label: string): Promise<Buffer> {
    const { dataKey } = this;
    if (kdf.name === 'scrypt' && dataKey.kind !== 'passphrase') {
      throw new SecretsError('SECRETS_KEY_MISMATCH', `${label} is encrypted with a passphrase: set INFINIROUTE_PASSPHRASE (or --passphrase-file) to open it`);
    }
    if (kdf.name === 'hkdf-sha256' && dataKey.kind !== 'raw') {
      throw new SecretsError('SECRETS_KEY_MISMATCH', `${label} is encrypted with the desktop app's keychain data key, not a passphrase`);
    }
    const id = `${kdf.name === 'scrypt' ? `scrypt:${kdf.N}:${kdf.r}:${kdf.p}` : kdf.name}:${salt.toString('base64')}`;
    let key = this.derived.get(id);
    if (!key) {
      key =
        dataKey.kind === 'raw'
          ? Promise.resolve(Buffer.from(hkdfSync('sha256', dataKey.key, salt, HKDF_INFO, 32)))
          : scrypt(dataKey.passphrase, salt, kdf as Extract<Kdf, { name: 'scrypt' }>);
      this.derived.set(id, key);
    }
    return key;
  }

  /** Encrypts `plaintext` for the file named `label` (its path inside the data folder). */
  async seal(label: string, plaintext: string): Promise<string> {
    let salt: Buffer;
    let kdf: Kdf;
    if (this.dataKey.kind === 'raw') {
      salt = randomBytes(SALT_BYTES);
      kdf = { name: 'hkdf-sha256' };
    } else {
      salt = this.writeSalt ??= randomBytes(SALT_BYTES);
      kdf = { name: 'scrypt', ...SCRYPT_PARAMS };
    }
    return serialiseEnvelope(sealWith(await this.keyFor(kdf, salt, label), kdf, salt, label, plaintext));
  }

  /** Decrypts an envelope read from the file named `label`. */
  async open(label: string, envelope: Envelope): Promise<string> {
    const salt = Buffer.from(envelope.salt, 'base64');
    const key = await this.keyFor(envelope.kdf, salt, label);
    const text = openWith(key, envelope, label);
    const { kdf } = envelope;
    if (kdf.name === 'scrypt' && this.writeSalt === null && kdf.N === SCRYPT_PARAMS.N && kdf.r === SCRYPT_PARAMS.r && kdf.p === SCRYPT_PARAMS.p) {
      this.writeSalt = salt;
    }
    return text;
  }
}

/** Reads a secret file's text: plaintext as is, an envelope decrypted (which needs a box). */
export async function openSecretText(text: string, label: string, box: SecretBox | null): Promise<{ text: string; encrypted: boolean }> {
  const envelope = parseEnvelope(text, label);
  if (!envelope) return { text, encrypted: false };
  if (!box) {
    throw new SecretsError(
      'SECRETS_LOCKED',
      `${label} is encrypted: set INFINIROUTE_PASSPHRASE (or pass --passphrase-file FILE); the desktop app unlocks it with the OS keychain`,
    );
  }
  return { text: await box.open(label, envelope), encrypted: true };
}
