import { randomBytes } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';

/**
 * The desktop's data key: 32 random bytes that encrypt the engine's private keys and API keys at
 * rest (engine/secrets). The main process keeps it wrapped by the OS keychain (Electron
 * safeStorage: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) in
 * `userData/data-key.bin`, unwraps it at start and hands it to the engine host it forks (first
 * port message, see engine/secrets/handoff.ts). This module holds the decisions; main.ts adapts
 * safeStorage to SafeStoragePort.
 */
export const DATA_KEY_FILE = 'data-key.bin';

export interface SafeStoragePort {
  isAvailable(): Promise<boolean>;
  /** Linux: the selected secret store; null elsewhere. */
  backend(): string | null;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(encrypted: Uint8Array): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export interface KeyFilePort {
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array): Promise<void>;
}

/**
 * Linux backends that protect nothing: `basic_text` encrypts with a key hard-coded in Chromium, and
 * `unknown` means no store was selected. A key "wrapped" by them is as good as plaintext.
 */
export const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export type DataKeyPlan =
  /** data-key.bin exists and the keychain works: unwrap it. */
  | 'unwrap'
  /** First start with a working keychain: make a key and wrap it. */
  | 'create'
  /** No usable keychain and no key yet: run unencrypted (mode 0600) and say so. */
  | 'unprotected'
  /** A wrapped key exists but the keychain is unavailable: refuse to start rather than lose access. */
  | 'locked';

export function planDataKey(state: { fileExists: boolean; available: boolean; backend: string | null }): DataKeyPlan {
  if (state.fileExists) return state.available ? 'unwrap' : 'locked';
  if (!state.available || (state.backend !== null && WEAK_BACKENDS.has(state.backend))) return 'unprotected';
  return 'create';
}

const KEY_B64 = /^[A-Za-z0-9+/]{43}=$/;

export async function wrapDataKey(key: Uint8Array, storage: SafeStoragePort): Promise<Uint8Array> {
  if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  return storage.encrypt(Buffer.from(key).toString('base64'));
}

/** The data key inside data-key.bin; throws when the keychain refuses it or it is not a 32-byte key. */
export async function unwrapDataKey(blob: Uint8Array, storage: SafeStoragePort): Promise<{ key: Uint8Array; shouldReEncrypt: boolean }> {
  const { result, shouldReEncrypt } = await storage.decrypt(blob);
  if (!KEY_B64.test(result)) throw new Error('data-key.bin does not hold a 32-byte data key');
  return { key: new Uint8Array(Buffer.from(result, 'base64')), shouldReEncrypt };
}

export type DataKeyOutcome =
  | { ok: true; key: Uint8Array | null; created: boolean; warning: string | null }
  | { ok: false; message: string };

export const UNPROTECTED_DESKTOP_WARNING =
  'The OS keychain is not available: private keys and API keys are stored unencrypted (mode 0600) in the data folder.';

export interface UnlockDeps {
  storage: SafeStoragePort;
  file: KeyFilePort;
  randomKey?: () => Uint8Array;
}

/** Finds, makes or refuses the data key, following planDataKey. Never throws. */
export async function unlockDataKey(deps: UnlockDeps): Promise<DataKeyOutcome> {
  try {
    const blob = await deps.file.read();
    const plan = planDataKey({ fileExists: blob !== null, available: await deps.storage.isAvailable(), backend: deps.storage.backend() });
    switch (plan) {
      case 'locked':
        return { ok: false, message: 'The data key is wrapped by the OS keychain, which is not available now. Unlock the keychain (log in to the desktop session) and start InfiniRoute again.' };
      case 'unprotected':
        return { ok: true, key: null, created: false, warning: UNPROTECTED_DESKTOP_WARNING };
      case 'unwrap': {
        let unwrapped: { key: Uint8Array; shouldReEncrypt: boolean };
        try {
          unwrapped = await unwrapDataKey(blob!, deps.storage);
        } catch (error) {
          return { ok: false, message: `The OS keychain could not unwrap data-key.bin (${(error as Error).message}). The private keys cannot be decrypted without it.` };
        }
        // The keychain rotated its key: store the data key wrapped by the new one (same data key).
        if (unwrapped.shouldReEncrypt) await deps.file.write(await wrapDataKey(unwrapped.key, deps.storage));
        return { ok: true, key: unwrapped.key, created: false, warning: null };
      }
      case 'create': {
        const key = (deps.randomKey ?? (() => new Uint8Array(randomBytes(32))))();
        let wrapped: Uint8Array;
        try {
          wrapped = await wrapDataKey(key, deps.storage);
        } catch {
          // Nothing is encrypted yet, so nothing is lost by running unprotected this time.
          return { ok: true, key: null, created: false, warning: UNPROTECTED_DESKTOP_WARNING };
        }
        // On disk before the engine encrypts anything with it.
        await deps.file.write(wrapped);
        return { ok: true, key, created: true, warning: null };
      }
    }
  } catch (error) {
    return { ok: false, message: `Could not read or write the data key: ${(error as Error).message}` };
  }
}

/** data-key.bin on disk: written atomically (temp, fsync, rename), mode 0600. */
export function keyFileAt(path: string): KeyFilePort {
  return {
    async read() {
      try {
        return new Uint8Array(await readFile(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(data) {
      const temp = `${path}.tmp-${process.pid}`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(data);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    },
  };
}
