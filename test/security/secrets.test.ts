import { randomBytes } from 'node:crypto';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { exportKeys } from '../../src-main/engine/identity/identity';
import { ApiKeyStore } from '../../src-main/engine/secrets/api-keys';
import { parseEnvelope, SecretsError } from '../../src-main/engine/secrets/envelope';
import { dataKeyHandoff, parseDataKeyHandoff } from '../../src-main/engine/secrets/handoff';
import { passphraseFromEnv, passphraseFromFile } from '../../src-main/engine/secrets/passphrase';
import { SecretBox, openSecretText, type DataKey } from '../../src-main/engine/secrets/secret-box';
import { openSecretFolder, readSecret, SECRET_FILES, writeSecret } from '../../src-main/engine/secrets/secret-files';
import { Fixture } from '../engine/helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const raw = (): DataKey => ({ kind: 'raw', key: new Uint8Array(randomBytes(32)) });
const pass = (passphrase: string): DataKey => ({ kind: 'passphrase', passphrase });
const posix = process.platform !== 'win32';

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Every file of a folder, by relative path, with its bytes (to prove "nothing changed"). */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = (await readFile(path)).toString('base64');
  }
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<SecretsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretsError);
  return error as SecretsError;
}

describe('the envelope (AES-256-GCM, versioned JSON)', () => {
  it.each([
    ['a keychain data key', raw()],
    ['a passphrase', pass('correct horse battery staple')],
  ])('round-trips with %s and carries {v, kdf, salt, iv, tag, ct}', async (_label, key) => {
    const box = new SecretBox(key);
    const sealed = await box.seal('identity/identity.pem', '-----BEGIN PRIVATE KEY-----\nabc\n');
    const envelope = parseEnvelope(sealed, 'identity/identity.pem')!;
    expect(Object.keys(envelope).sort()).toEqual(['ct', 'iv', 'kdf', 'salt', 'tag', 'v']);
    expect(envelope.v).toBe(1);
    expect(envelope.kdf.name).toBe(key.kind === 'raw' ? 'hkdf-sha256' : 'scrypt');
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(await box.open('identity/identity.pem', envelope)).toBe('-----BEGIN PRIVATE KEY-----\nabc\n');
    // A fresh box with the same key opens it too (nothing depends on the cache).
    expect(await new SecretBox(key).open('identity/identity.pem', envelope)).toBe('-----BEGIN PRIVATE KEY-----\nabc\n');
  });

  it('uses a fresh IV for every seal', async () => {
    const box = new SecretBox(raw());
    const a = parseEnvelope(await box.seal('x', 'same'), 'x')!;
    const b = parseEnvelope(await box.seal('x', 'same'), 'x')!;
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses a wrong passphrase or data key with WRONG_PASSPHRASE', async () => {
    const sealed = parseEnvelope(await new SecretBox(pass('right')).seal('l', 'secret'), 'l')!;
    expect((await rejection(new SecretBox(pass('wrong')).open('l', sealed))).code).toBe('WRONG_PASSPHRASE');
    const sealedRaw = parseEnvelope(await new SecretBox(raw()).seal('l', 'secret'), 'l')!;
    expect((await rejection(new SecretBox(raw()).open('l', sealedRaw))).code).toBe('WRONG_PASSPHRASE');
  });

  it('detects tampering with the ciphertext, tag, iv or salt, and an envelope moved to another file', async () => {
    const box = new SecretBox(raw());
    const envelope = parseEnvelope(await box.seal('identity/device.pem', 'device key'), 'identity/device.pem')!;
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64');
    };
    for (const field of ['ct', 'tag', 'iv', 'salt'] as const) {
      const error = await rejection(box.open('identity/device.pem', { ...envelope, [field]: flip(envelope[field]) }));
      expect(error.code, field).toBe('WRONG_PASSPHRASE');
    }
    expect((await rejection(box.open('identity/identity.pem', envelope))).code).toBe('WRONG_PASSPHRASE');
  });

  it('refuses a passphrase envelope with a keychain key and the reverse, saying which is needed', async () => {
    const byPass = parseEnvelope(await new SecretBox(pass('p')).seal('l', 's'), 'l')!;
    const error = await rejection(new SecretBox(raw()).open('l', byPass));
    expect(error.code).toBe('SECRETS_KEY_MISMATCH');
    expect(error.message).toMatch(/INFINIROUTE_PASSPHRASE/);
    const byKey = parseEnvelope(await new SecretBox(raw()).seal('l', 's'), 'l')!;
    expect((await rejection(new SecretBox(pass('p')).open('l', byKey))).code).toBe('SECRETS_KEY_MISMATCH');
  });

  it('tells plaintext, envelopes and broken envelopes apart', async () => {
    expect(parseEnvelope('-----BEGIN PRIVATE KEY-----\n', 'l')).toBeNull();
    expect(parseEnvelope('{"https://api.example.com":"sk-123"}', 'l')).toBeNull();
    expect(() => parseEnvelope('{"v":1,"ct":"x"}', 'l')).toThrow(SecretsError);
    expect(() => parseEnvelope('{"v":9,"kdf":{"name":"hkdf-sha256"},"salt":"","iv":"","tag":"","ct":""}', 'l')).toThrow(/newer version/);
    // A crafted envelope must not make scrypt allocate gigabytes.
    const huge = { v: 1, kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1 }, salt: '', iv: Buffer.alloc(12).toString('base64'), tag: Buffer.alloc(16).toString('base64'), ct: '' };
    expect(() => parseEnvelope(JSON.stringify(huge), 'l')).toThrow(SecretsError);
    const locked = await rejection(openSecretText(await new SecretBox(raw()).seal('l', 's'), 'l', null));
    expect(locked.code).toBe('SECRETS_LOCKED');
  });
});

describe('secret files', () => {
  it.skipIf(!posix)('are written mode 0600 in a 0700 folder, encrypted or not', async () => {
    const dir = await fx.tempDir();
    await writeSecret(dir, 'secrets/api-keys.json', '{}', null);
    await writeSecret(dir, 'identity/identity.pem', 'pem', new SecretBox(raw()));
    expect(await modeOf(join(dir, 'secrets', 'api-keys.json'))).toBe(0o600);
    expect(await modeOf(join(dir, 'identity', 'identity.pem'))).toBe(0o600);
    expect(await modeOf(join(dir, 'secrets'))).toBe(0o700);
  });

  it.skipIf(!posix)('are set back to 0600 when a folder is opened', async () => {
    const dir = await fx.tempDir();
    await writeSecret(dir, 'secrets/api-keys.json', '{}', null);
    await chmod(join(dir, 'secrets', 'api-keys.json'), 0o644);
    await openSecretFolder(dir, null);
    expect(await modeOf(join(dir, 'secrets', 'api-keys.json'))).toBe(0o600);
  });
});

describe('a data folder with a passphrase', () => {
  it('encrypts the identity, device and treasury keys and the API keys', async () => {
    const dir = await fx.tempDir();
    const key = pass('s3cret passphrase');
    const engine = await Engine.open({ dataDir: dir, dataKey: key, validate: true });
    try {
      expect((await engine.dispatch('marketplace.create', { name: 'Encrypted market' })).ok).toBe(true);
      const store = await ApiKeyStore.open(engine.secrets);
      await store.set('https://api.example.com/', 'sk-live-VERY-SECRET-KEY-1234');
      expect(store.list()).toEqual([{ baseUrl: 'https://api.example.com', hint: '…1234' }]);
    } finally {
      await engine.close();
    }
    // Only a demo folder has the demo producer's key (its encryption: test/engine/demo-identity.test.ts).
    for (const label of SECRET_FILES.filter((l) => l !== 'identity/demo-producer.pem')) {
      const text = await readFile(join(dir, ...label.split('/')), 'utf8');
      expect(parseEnvelope(text, label), label).not.toBeNull();
      expect(text).not.toMatch(/PRIVATE KEY|sk-live/);
    }
    // Nothing anywhere in the folder holds the API key or a PEM in the clear.
    for (const content of Object.values(await snapshot(dir))) {
      const text = Buffer.from(content, 'base64').toString('latin1');
      expect(text).not.toContain('sk-live-VERY-SECRET');
      expect(text).not.toContain('BEGIN PRIVATE KEY');
    }
    // Reopening with the same passphrase finds the same identity, treasury and API key.
    const again = await Engine.open({ dataDir: dir, dataKey: key });
    try {
      const health = (await again.dispatch('system.health', {})) as { ok: true; result: { marketplace: { isTreasury: boolean } } };
      expect(health.result.marketplace.isTreasury).toBe(true);
      expect((await ApiKeyStore.open(again.secrets)).keyFor('https://api.example.com')).toBe('sk-live-VERY-SECRET-KEY-1234');
      const exported = await exportKeys(again.secrets);
      expect(Object.keys(exported).sort()).toEqual(['device', 'identity', 'treasury']);
      for (const pem of Object.values(exported)) expect(pem).toContain('BEGIN PRIVATE KEY');
    } finally {
      await again.close();
    }
  });

  it('upgrades a plaintext folder to encrypted on the first start with a key', async () => {
    const dir = await fx.tempDir();
    const plain = await Engine.open({ dataDir: dir, dataKey: null });
    const identity = plain.keys.identity.publicKey;
    await (await ApiKeyStore.open(plain.secrets)).set('https://api.example.com', 'sk-plain-0000');
    await plain.close();
    expect(await readFile(join(dir, 'identity', 'identity.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');

    const upgraded = await Engine.open({ dataDir: dir, dataKey: pass('upgrade me') });
    try {
      expect(upgraded.keys.identity.publicKey).toBe(identity);
      expect((await ApiKeyStore.open(upgraded.secrets)).keyFor('https://api.example.com')).toBe('sk-plain-0000');
    } finally {
      await upgraded.close();
    }
    for (const label of ['identity/identity.pem', 'identity/device.pem', 'secrets/api-keys.json']) {
      expect(parseEnvelope(await readFile(join(dir, ...label.split('/')), 'utf8'), label), label).not.toBeNull();
    }
    if (posix) expect(await modeOf(join(dir, 'identity', 'identity.pem'))).toBe(0o600);
    // Once encrypted, there is nothing left to upgrade.
    expect((await openSecretFolder(dir, pass('upgrade me'))).upgraded).toEqual([]);
  });

  it('reports which files it upgraded', async () => {
    const dir = await fx.tempDir();
    await (await Engine.open({ dataDir: dir, dataKey: null })).close();
    const folder = await openSecretFolder(dir, raw());
    expect(folder.upgraded.sort()).toEqual(['identity/device.pem', 'identity/identity.pem']);
  });

  it('refuses a wrong passphrase with a clear error and changes nothing', async () => {
    const dir = await fx.tempDir();
    await (await Engine.open({ dataDir: dir, dataKey: pass('the right one') })).close();
    const before = await snapshot(dir);
    const error = await rejection(Engine.open({ dataDir: dir, dataKey: pass('the wrong one') }));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(error.message).toMatch(/wrong passphrase/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses to start without the passphrase (never silently makes a new identity)', async () => {
    const dir = await fx.tempDir();
    await (await Engine.open({ dataDir: dir, dataKey: pass('p') })).close();
    const before = await snapshot(dir);
    const error = await rejection(Engine.open({ dataDir: dir, dataKey: null }));
    expect(error.code).toBe('SECRETS_LOCKED');
    expect(error.message).toMatch(/INFINIROUTE_PASSPHRASE/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('opens nothing when one file of an otherwise plaintext folder is encrypted with another key', async () => {
    const dir = await fx.tempDir();
    await (await Engine.open({ dataDir: dir, dataKey: null })).close();
    await writeSecret(dir, 'secrets/api-keys.json', '{}', new SecretBox(pass('other')));
    const before = await snapshot(dir);
    await rejection(openSecretFolder(dir, pass('mine')));
    expect(await snapshot(dir)).toEqual(before);
  });

  it('works with a keychain data key (desktop) the same way', async () => {
    const dir = await fx.tempDir();
    const key = raw();
    const engine = await Engine.open({ dataDir: dir, dataKey: key });
    const identity = engine.keys.identity.publicKey;
    await engine.close();
    const text = await readFile(join(dir, 'identity', 'identity.pem'), 'utf8');
    expect(parseEnvelope(text, 'identity/identity.pem')?.kdf).toEqual({ name: 'hkdf-sha256' });
    const again = await Engine.open({ dataDir: dir, dataKey: key });
    expect(again.keys.identity.publicKey).toBe(identity);
    await again.close();
    expect((await rejection(Engine.open({ dataDir: dir, dataKey: raw() }))).code).toBe('WRONG_PASSPHRASE');
  });

  it('takes INFINIROUTE_PASSPHRASE when no key is passed', () => {
    expect(passphraseFromEnv({ INFINIROUTE_PASSPHRASE: 'from env' })).toEqual({ kind: 'passphrase', passphrase: 'from env' });
    expect(passphraseFromEnv({ INFINIROUTE_PASSPHRASE: '' })).toBeNull();
    expect(passphraseFromEnv({})).toBeNull();
  });

  it('reads --passphrase-file without its trailing newline and flags a file others can read', async () => {
    const dir = await fx.tempDir();
    const file = join(dir, 'pass.txt');
    await writeFile(file, 'file passphrase\n', { mode: 0o600 });
    expect(await passphraseFromFile(file)).toEqual({ dataKey: { kind: 'passphrase', passphrase: 'file passphrase' }, warning: null });
    if (posix) {
      await chmod(file, 0o644);
      expect((await passphraseFromFile(file)).warning).toMatch(/readable by other users/);
    }
    await writeFile(file, '\n');
    await expect(passphraseFromFile(file)).rejects.toThrow(/empty/);
  });

  it('keeps an unencrypted folder readable and writes it plaintext, mode 0600', async () => {
    const dir = await fx.tempDir();
    await (await Engine.open({ dataDir: dir, dataKey: null })).close();
    expect(await readSecret(dir, 'identity/identity.pem', null)).toContain('BEGIN PRIVATE KEY');
    if (posix) expect(await modeOf(join(dir, 'identity', 'device.pem'))).toBe(0o600);
  });
});

describe('the data key handoff to the engine host', () => {
  it('carries the key as base64 in a typed message, or null', () => {
    const key = new Uint8Array(randomBytes(32));
    const message = dataKeyHandoff(key);
    expect(message.type).toBe('data-key');
    expect(parseDataKeyHandoff(structuredClone(message))).toEqual(key);
    expect(parseDataKeyHandoff(dataKeyHandoff(null))).toBeNull();
  });

  it('ignores other messages and refuses a malformed key', () => {
    expect(parseDataKeyHandoff({ type: 'call', id: 1 })).toBeUndefined();
    expect(parseDataKeyHandoff(null)).toBeUndefined();
    expect(() => parseDataKeyHandoff({ type: 'data-key', key: 'c2hvcnQ=' })).toThrow(/malformed/);
    expect(() => parseDataKeyHandoff({ type: 'data-key', key: 42 })).toThrow(/malformed/);
  });

  it('is never passed through argv or the environment', async () => {
    const fork = await readFile(join(import.meta.dirname, '../../src-main/shell/engine-fork.ts'), 'utf8');
    expect(fork).toMatch(/postMessage\(dataKeyHandoff\(options\.dataKey\)\)/);
    expect(fork).not.toMatch(/env\s*:/);
    expect(fork).toMatch(/utilityProcess\.fork\(options\.modulePath, \['--data', options\.dataDir\]/);
  });
});

describe('the API key store', () => {
  it('keeps every key when writes overlap, and removes them', async () => {
    const dir = await fx.tempDir();
    const { files } = await openSecretFolder(dir, raw());
    const store = await ApiKeyStore.open(files);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.set(`https://api${i}.example.com`, `sk-${i}-abcdef`)));
    const reopened = await ApiKeyStore.open(files);
    expect(reopened.list()).toHaveLength(8);
    expect(reopened.keyFor('https://api3.example.com/')).toBe('sk-3-abcdef');
    expect(await reopened.remove('https://api3.example.com')).toBe(true);
    expect(await reopened.remove('https://api3.example.com')).toBe(false);
    expect((await ApiKeyStore.open(files)).list()).toHaveLength(7);
    expect(reopened.keyFor('__proto__')).toBeUndefined();
  });
});
