import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, type ElectronProbe } from '../electron/electron-binary';

const pkg = '/p/node_modules/electron';

function probe(files: Record<string, string>, overrides: Partial<ElectronProbe> = {}): ElectronProbe {
  return {
    packageDir: pkg,
    overrideDistPath: undefined,
    exists: (path) => path in files,
    readText: (path) => files[path] ?? null,
    ...overrides,
  };
}

describe('findElectronBinary', () => {
  it('finds the downloaded binary named by path.txt', () => {
    const bin = join(pkg, 'dist', 'electron');
    expect(findElectronBinary(probe({ [join(pkg, 'path.txt')]: 'electron\n', [bin]: '' }))).toBe(bin);
  });

  it('reports none when the download never happened (no path.txt)', () => {
    expect(findElectronBinary(probe({}))).toBeNull();
  });

  it('reports none when path.txt names a binary that is gone', () => {
    expect(findElectronBinary(probe({ [join(pkg, 'path.txt')]: 'electron' }))).toBeNull();
  });

  it('reports none when the package is not installed', () => {
    expect(findElectronBinary(probe({}, { packageDir: null }))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const bin = join('/opt/electron', 'electron');
    expect(findElectronBinary(probe({ [bin]: '' }, { overrideDistPath: '/opt/electron' }))).toBe(bin);
    expect(findElectronBinary(probe({}, { overrideDistPath: '/opt/electron' }))).toBeNull();
  });
});
