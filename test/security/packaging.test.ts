import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

/**
 * The installers cannot be built here (electron-builder downloads Electron), so this checks what
 * decides them: electron-builder.yml against electron-builder's own JSON schema, the fuses the
 * afterPack hook flips, what goes into the package, the icons and the macOS entitlements.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// Loaded the way electron-builder loads them: through app-builder-lib's own dependencies.
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const { minimatch } = fromBuilder('minimatch') as { minimatch(path: string, pattern: string, options?: object): boolean };

type Config = Record<string, unknown> & {
  files: string[];
  asar: boolean;
  afterPack: string;
  directories: { buildResources: string; output: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
  win: { target: string[]; icon: string };
  linux: { target: string[]; icon: string };
};
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;

interface FusesHook {
  FUSES: Record<string, boolean>;
  fuseConfig(FuseVersion: object, FuseV1Options: Record<string, number>, target: { platform: string; arch: string }): Record<string, unknown>;
  electronBinaryPath(context: object): string;
  default: (context: object) => Promise<void>;
}
const hook = require(join(ROOT, 'scripts', 'fuses.cjs')) as FusesHook;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema", () => {
    const schema = JSON.parse(readFileSync(fromBuilder.resolve('./scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses an unknown option (the schema check is real)', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(fromBuilder.resolve('./scheme.json'), 'utf8')) as object);
    expect(validate({ ...config, asarr: true })).toBe(false);
  });

  it('builds AppImage + deb, dmg and nsis installers with the icons', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.directories.buildResources).toBe('build');
    for (const icon of [config.mac.icon, config.win.icon]) expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    expect(existsSync(join(ROOT, config.linux.icon, '256x256.png'))).toBe(true);
  });

  it('packs the app into an asar archive', () => {
    expect(config.asar).toBe(true);
  });

  const included = (path: string) => {
    const positive = config.files.filter((p) => !p.startsWith('!'));
    const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    return positive.some((p) => minimatch(path, p, { dot: true })) && !negative.some((p) => minimatch(path, p, { dot: true }));
  };

  it('ships out/** and package.json', () => {
    const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('out/main/index.js');
    for (const path of [main, 'out/main/engine-host.js', 'out/preload/index.cjs', 'out/renderer/user.html', 'out/renderer/assets/user-x.js', 'package.json']) {
      expect(included(path), path).toBe(true);
    }
  });

  it('never ships sources, tests, docs, build scripts or source maps', () => {
    for (const path of [
      'src-main/shell/main.ts',
      'src-main/engine/engine.ts',
      'src-shared/contract.ts',
      'src-renderer/src/App.tsx',
      'test/security/packaging.test.ts',
      'test/fixtures/rfc6962-merkle-vectors.json',
      'bench/run.ts',
      'docs/security.md',
      'scripts/fuses.cjs',
      'build/make-icons.mjs',
      'electron-builder.yml',
      'tsconfig.json',
      '.env',
      'out/main/index.js.map',
      'out/renderer/assets/user-x.js.map',
    ]) {
      expect(included(path), path).toBe(false);
    }
  });
});

describe('fuses (scripts/fuses.cjs, the afterPack hook)', () => {
  it('is the afterPack hook', () => {
    expect(config.afterPack).toBe('./scripts/fuses.cjs');
    expect(typeof hook.default).toBe('function');
  });

  it('flips exactly the agreed fuses', () => {
    expect(hook.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('builds a config @electron/fuses accepts, setting every fuse it knows', async () => {
    const { FuseVersion, FuseV1Options } = (await import('@electron/fuses')) as unknown as { FuseVersion: { V1: string }; FuseV1Options: Record<string, number> };
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(known.sort()).toEqual(Object.keys(hook.FUSES).sort());
    const linux = hook.fuseConfig(FuseVersion, FuseV1Options, { platform: 'linux', arch: 'x64' });
    expect(linux).toMatchObject({ version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: false });
    expect(linux[FuseV1Options.RunAsNode!]).toBe(false);
    expect(linux[FuseV1Options.EnableCookieEncryption!]).toBe(true);
    expect(linux[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(linux[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(false);
    expect(linux[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(linux[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
    expect(hook.fuseConfig(FuseVersion, FuseV1Options, { platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
  });

  /** A stand-in for the Electron executable: filler bytes around a V1 fuse wire of `length` fuses, all enabled. */
  async function fakeElectron(dir: string, length: number): Promise<string> {
    // The marker @electron/fuses looks for (not exported by the package, so read from its source).
    const constants = await readFile(join(dirname(require.resolve('@electron/fuses')), 'constants.js'), 'utf8');
    const SENTINEL = /SENTINEL = '([^']+)'/.exec(constants)![1]!;
    const path = join(dir, 'fake-electron');
    const wire = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, length]), Buffer.alloc(length, 0x31)]);
    await writeFile(path, Buffer.concat([Buffer.alloc(4096, 0xab), wire, Buffer.alloc(4096, 0xcd)]));
    return path;
  }
  const context = (appOutDir: string) => ({
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { appInfo: { productFilename: 'InfiniRoute Marketplace' }, executableName: 'fake-electron' },
  });

  it('flips the fuses in a binary when electron-builder calls it after packing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fuses-'));
    try {
      const binary = await fakeElectron(dir, 9);
      const before = await readFile(binary);
      await hook.default(context(dir));
      const { getCurrentFuseWire, FuseV1Options } = (await import('@electron/fuses')) as unknown as {
        getCurrentFuseWire(path: string): Promise<Record<string, unknown>>;
        FuseV1Options: Record<string, number>;
      };
      const wire = await getCurrentFuseWire(binary);
      for (const [name, on] of Object.entries(hook.FUSES)) expect(wire[FuseV1Options[name]!], name).toBe(on ? 0x31 : 0x30);
      const after = await readFile(binary);
      expect(after.length).toBe(before.length);
      expect(after.subarray(0, 4096)).toEqual(before.subarray(0, 4096));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the build when Electron has a fuse this hook does not decide', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fuses-'));
    try {
      await fakeElectron(dir, 10);
      await expect(hook.default(context(dir))).rejects.toThrow(/strictlyRequireAllFuses/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds the Electron binary in the packed app on each platform', () => {
    const packager = { appInfo: { productFilename: 'InfiniRoute Marketplace' }, executableName: 'infiniroute-marketplace' };
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(join('/o', 'InfiniRoute Marketplace.app'));
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(join('/o', 'InfiniRoute Marketplace.exe'));
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(join('/o', 'infiniroute-marketplace'));
  });
});

describe('package.json', () => {
  it('has `npm run dist` (build, then electron-builder)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });
});

/** The chunks of a PNG, with their CRCs checked. */
function pngChunks(bytes: Buffer): Array<{ type: string; data: Buffer }> {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc(bytes.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

describe('build resources', () => {
  it.each([
    ['build/icon.png', 512],
    ['build/icons/512x512.png', 512],
    ['build/icons/256x256.png', 256],
  ])('%s is a valid %i×%i RGBA PNG', (file, size) => {
    const chunks = pngChunks(readFileSync(join(ROOT, file)));
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([size, size, 8, 6]);
    expect(inflateSync(chunks[1]!.data).length).toBe(size * (1 + size * 4));
  });

  it('grants the macOS build only the JIT entitlement', () => {
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });
});
