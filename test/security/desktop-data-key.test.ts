import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keyFileAt,
  planDataKey,
  unlockDataKey,
  unwrapDataKey,
  wrapDataKey,
  UNPROTECTED_DESKTOP_WARNING,
  type KeyFilePort,
  type SafeStoragePort,
} from '../../src-main/shell/data-key';
import { Fixture } from '../engine/helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

/** safeStorage as the OS keychain would behave: reversible only with this keychain's secret. */
function fakeKeychain(options: { available?: boolean; backend?: string | null; rotate?: boolean; broken?: 'encrypt' | 'decrypt' } = {}) {
  const secret = randomBytes(16).toString('hex');
  const calls = { encrypt: 0, decrypt: 0 };
  const storage: SafeStoragePort = {
    isAvailable: async () => options.available ?? true,
    backend: () => (options.backend === undefined ? null : options.backend),
    async encrypt(plainText) {
      calls.encrypt++;
      if (options.broken === 'encrypt') throw new Error('keychain refused');
      return new Uint8Array(Buffer.from(`${secret}|${Buffer.from(plainText).toString('hex')}`));
    },
    async decrypt(encrypted) {
      calls.decrypt++;
      if (options.broken === 'decrypt') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const [tag, hex] = Buffer.from(encrypted).toString().split('|');
      if (tag !== secret) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(hex!, 'hex').toString(), shouldReEncrypt: options.rotate ?? false };
    },
  };
  return { storage, calls };
}

function memoryFile(initial: Uint8Array | null = null) {
  const state = { data: initial, writes: 0 };
  const file: KeyFilePort = {
    read: async () => state.data,
    write: async (data) => {
      state.writes++;
      state.data = data;
    },
  };
  return { file, state };
}

describe('planDataKey', () => {
  it.each([
    [{ fileExists: true, available: true, backend: null }, 'unwrap'],
    [{ fileExists: true, available: true, backend: 'basic_text' }, 'unwrap'],
    [{ fileExists: true, available: false, backend: null }, 'locked'],
    [{ fileExists: false, available: true, backend: null }, 'create'],
    [{ fileExists: false, available: true, backend: 'gnome_libsecret' }, 'create'],
    [{ fileExists: false, available: true, backend: 'kwallet6' }, 'create'],
    [{ fileExists: false, available: true, backend: 'basic_text' }, 'unprotected'],
    [{ fileExists: false, available: true, backend: 'unknown' }, 'unprotected'],
    [{ fileExists: false, available: false, backend: null }, 'unprotected'],
  ] as const)('%j → %s', (state, plan) => {
    expect(planDataKey(state)).toBe(plan);
  });
});

describe('wrap and unwrap', () => {
  it('round-trips a 32-byte key through the keychain, never storing it in the clear', async () => {
    const { storage } = fakeKeychain();
    const key = new Uint8Array(randomBytes(32));
    const wrapped = await wrapDataKey(key, storage);
    expect(Buffer.from(wrapped).includes(Buffer.from(key))).toBe(false);
    expect((await unwrapDataKey(wrapped, storage)).key).toEqual(key);
  });

  it('refuses anything but a 32-byte key', async () => {
    const { storage } = fakeKeychain();
    await expect(wrapDataKey(new Uint8Array(16), storage)).rejects.toThrow(/32 bytes/);
    await expect(unwrapDataKey(await storage.encrypt('not a key'), storage)).rejects.toThrow(/32-byte/);
  });
});

describe('unlockDataKey', () => {
  it('makes, wraps and stores a key on the first start, then finds the same key', async () => {
    const { storage } = fakeKeychain();
    const { file, state } = memoryFile();
    const first = await unlockDataKey({ storage, file });
    expect(first).toMatchObject({ ok: true, created: true, warning: null });
    const key = (first as { key: Uint8Array }).key;
    expect(key).toHaveLength(32);
    expect(state.writes).toBe(1);
    const second = await unlockDataKey({ storage, file });
    expect(second).toMatchObject({ ok: true, created: false, warning: null });
    expect((second as { key: Uint8Array }).key).toEqual(key);
    expect(state.writes).toBe(1);
  });

  it('runs unprotected, with a warning, where the keychain is missing or a hard-coded Linux one', async () => {
    for (const keychain of [fakeKeychain({ available: false }), fakeKeychain({ backend: 'basic_text' })]) {
      const { file, state } = memoryFile();
      expect(await unlockDataKey({ storage: keychain.storage, file })).toEqual({ ok: true, key: null, created: false, warning: UNPROTECTED_DESKTOP_WARNING });
      expect(state.writes).toBe(0);
      expect(keychain.calls.encrypt).toBe(0);
    }
  });

  it('refuses to start, and keeps the wrapped key, when the keychain is gone or cannot unwrap it', async () => {
    const { storage } = fakeKeychain();
    const wrapped = await wrapDataKey(new Uint8Array(randomBytes(32)), storage);
    for (const keychain of [fakeKeychain({ available: false }), fakeKeychain(), fakeKeychain({ broken: 'decrypt' })]) {
      const { file, state } = memoryFile(wrapped);
      const outcome = await unlockDataKey({ storage: keychain.storage, file });
      expect(outcome.ok).toBe(false);
      expect((outcome as { message: string }).message).toMatch(/keychain/i);
      // Never replaced by a new key: that would make every encrypted file unreadable for good.
      expect(state.writes).toBe(0);
      expect(state.data).toBe(wrapped);
    }
  });

  it('re-wraps the same key when the keychain asks for it (key rotation)', async () => {
    const { storage } = fakeKeychain({ rotate: true });
    const key = new Uint8Array(randomBytes(32));
    const { file, state } = memoryFile(await wrapDataKey(key, storage));
    const outcome = await unlockDataKey({ storage, file });
    expect((outcome as { key: Uint8Array }).key).toEqual(key);
    expect(state.writes).toBe(1);
    expect((await unwrapDataKey(state.data!, storage)).key).toEqual(key);
  });

  it('runs unprotected when the keychain refuses to wrap a new key (nothing is encrypted yet)', async () => {
    const { storage } = fakeKeychain({ broken: 'encrypt' });
    const { file, state } = memoryFile();
    expect(await unlockDataKey({ storage, file })).toMatchObject({ ok: true, key: null, warning: UNPROTECTED_DESKTOP_WARNING });
    expect(state.writes).toBe(0);
  });

  it('reports a file it cannot read instead of throwing', async () => {
    const { storage } = fakeKeychain();
    const file: KeyFilePort = { read: async () => Promise.reject(new Error('EACCES')), write: async () => {} };
    expect(await unlockDataKey({ storage, file })).toEqual({ ok: false, message: expect.stringMatching(/EACCES/) });
  });
});

describe('data-key.bin on disk', () => {
  it.skipIf(process.platform === 'win32')('is written atomically with mode 0600 and read back', async () => {
    const dir = await fx.tempDir();
    const file = keyFileAt(join(dir, 'data-key.bin'));
    expect(await file.read()).toBeNull();
    await file.write(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(await readFile(join(dir, 'data-key.bin')))).toEqual(new Uint8Array([1, 2, 3]));
    expect((await stat(join(dir, 'data-key.bin'))).mode & 0o777).toBe(0o600);
    expect(await file.read()).toEqual(new Uint8Array([1, 2, 3]));
  });
});
