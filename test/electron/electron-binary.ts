import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ElectronProbe {
  /** node_modules/electron, or null if the package is not installed. */
  packageDir: string | null;
  overrideDistPath: string | undefined;
  exists(path: string): boolean;
  readText(path: string): string | null;
}

/**
 * Where the Electron executable is, or null if it is not on this machine. Mirrors
 * node_modules/electron/index.js WITHOUT its side effect: requiring that file starts a download
 * when the binary is missing, which hangs or fails on a machine without internet.
 */
export function findElectronBinary(probe: ElectronProbe): string | null {
  if (!probe.packageDir) return null;
  const relative = probe.readText(join(probe.packageDir, 'path.txt'))?.trim() || null;
  const full = probe.overrideDistPath
    ? join(probe.overrideDistPath, relative ?? 'electron')
    : relative
      ? join(probe.packageDir, 'dist', relative)
      : null;
  return full && probe.exists(full) ? full : null;
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export function electronBinaryOnThisMachine(): string | null {
  return findElectronBinary({
    packageDir: electronPackageDir(),
    overrideDistPath: process.env.ELECTRON_OVERRIDE_DIST_PATH,
    exists: existsSync,
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
  });
}
