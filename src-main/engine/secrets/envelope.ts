import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The at-rest format of every secret file (private keys, API keys) when a data key is present:
 * AES-256-GCM in a versioned JSON envelope `{v, kdf, salt, iv, tag, ct}`. The file's label (its
 * path inside the data folder) is bound as additional authenticated data, so an envelope moved to
 * another file (device.pem over identity.pem) fails to open instead of silently swapping keys.
 */
export const ENVELOPE_VERSION = 1;

export type Kdf =
  /** A passphrase (headless): scrypt with these parameters over the envelope's salt. */
  | { name: 'scrypt'; N: number; r: number; p: number }
  /** A random 32-byte data key (desktop, unwrapped by the OS keychain): HKDF-SHA256 with the salt. */
  | { name: 'hkdf-sha256' };

export interface Envelope {
  v: typeof ENVELOPE_VERSION;
  kdf: Kdf;
  salt: string;
  iv: string;
  tag: string;
  ct: string;
}

export type SecretsErrorCode = 'SECRETS_LOCKED' | 'WRONG_PASSPHRASE' | 'SECRETS_KEY_MISMATCH' | 'SECRETS_CORRUPT' | 'SECRETS_UNSUPPORTED';

/** Why a secret file cannot be opened. `code` is printed by the CLI (`infiniroute: CODE: message`). */
export class SecretsError extends Error {
  readonly code: SecretsErrorCode;
  constructor(code: SecretsErrorCode, message: string) {
    super(message);
    this.name = 'SecretsError';
    this.code = code;
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bounds on scrypt parameters read from a file: a crafted envelope must not exhaust memory. */
const MAX_SCRYPT_N = 2 ** 20;

const aad = (label: string) => Buffer.from(`infiniroute-secret:v${ENVELOPE_VERSION}:${label}`, 'utf8');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function isKdf(value: unknown): value is Kdf {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Record<string, unknown>;
  if (k.name === 'hkdf-sha256') return true;
  return (
    k.name === 'scrypt' &&
    Number.isInteger(k.N) &&
    (k.N as number) >= 2 ** 10 &&
    (k.N as number) <= MAX_SCRYPT_N &&
    ((k.N as number) & ((k.N as number) - 1)) === 0 &&
    Number.isInteger(k.r) &&
    (k.r as number) >= 1 &&
    (k.r as number) <= 32 &&
    Number.isInteger(k.p) &&
    (k.p as number) >= 1 &&
    (k.p as number) <= 16
  );
}

/**
 * Tells the formats apart: an envelope (returned parsed), or plaintext (null): a PEM key, or
 * api-keys.json as a plain JSON map, which never has both `v` and `ct`. Something that claims to be
 * an envelope but is not a valid one is an error, never mistaken for plaintext.
 */
export function parseEnvelope(text: string, label: string): Envelope | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const e = parsed as Record<string, unknown>;
  if (!('v' in e) || !('ct' in e)) return null;
  if (e.v !== ENVELOPE_VERSION) {
    throw new SecretsError('SECRETS_UNSUPPORTED', `${label} was encrypted by a newer version of InfiniRoute (format v${String(e.v)})`);
  }
  const fields = ['salt', 'iv', 'tag', 'ct'] as const;
  if (!isKdf(e.kdf) || fields.some((f) => typeof e[f] !== 'string')) {
    throw new SecretsError('SECRETS_CORRUPT', `${label} is not a valid encrypted file`);
  }
  const envelope = e as unknown as Envelope;
  if (Buffer.from(envelope.iv, 'base64').length !== IV_BYTES || Buffer.from(envelope.tag, 'base64').length !== TAG_BYTES) {
    throw new SecretsError('SECRETS_CORRUPT', `${label} is not a valid encrypted file`);
  }
  return envelope;
}

export function isEnvelopeText(text: string): boolean {
  try {
    return parseEnvelope(text, 'file') !== null;
  } catch {
    return true;
  }
}

/** AES-256-GCM with a fresh 96-bit IV; `key` is the 32-byte key derived for this envelope's salt. */
export function sealWith(key: Uint8Array, kdf: Kdf, salt: Uint8Array, label: string, plaintext: string): Envelope {
  if (key.length !== KEY_BYTES) throw new Error('an envelope key is 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(label));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: ENVELOPE_VERSION, kdf, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), ct: b64(ct) };
}

/** Opens an envelope, or throws WRONG_PASSPHRASE: GCM cannot tell a wrong key from an altered file. */
export function openWith(key: Uint8Array, envelope: Envelope, label: string): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(label));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretsError('WRONG_PASSPHRASE', `cannot decrypt ${label}: wrong passphrase or data key (or the file was altered)`);
  }
}

export function serialiseEnvelope(envelope: Envelope): string {
  return `${JSON.stringify(envelope)}\n`;
}
