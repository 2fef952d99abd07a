import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dirs = ['src-main/shell', 'src-main/preload'];

/** The only modules allowed to touch Electron: thin adapters with no logic worth testing. */
const ELECTRON_ADAPTERS = new Set([
  'src-main/shell/main.ts',
  'src-main/shell/engine-fork.ts',
  'src-main/shell/security.ts',
  'src-main/shell/windows.ts',
  'src-main/shell/ipc.ts',
  'src-main/preload/index.ts',
]);

const files = dirs.flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);
const source = (file: string) => readFileSync(join(root, file), 'utf8');
const importsOf = (text: string) => [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('shell module boundaries', () => {
  it('finds the shell and preload modules', () => {
    expect(files).toEqual(expect.arrayContaining(['src-main/shell/main.ts', 'src-main/preload/bridge.ts']));
  });

  it.each(files.filter((f) => !ELECTRON_ADAPTERS.has(f)))('%s imports neither electron nor an adapter', (file) => {
    for (const spec of importsOf(source(file))) {
      expect(spec).not.toBe('electron');
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec).replaceAll('\\', '/');
        expect(ELECTRON_ADAPTERS.has(`${target}.ts`) || ELECTRON_ADAPTERS.has(target)).toBe(false);
      }
    }
  });

  it.each(files)('%s stays under 300 lines', (file) => {
    expect(source(file).split('\n').length).toBeLessThan(300);
  });

  it('uses import.meta.dirname, not __dirname, in the shell', () => {
    for (const file of files) expect(source(file)).not.toMatch(/\b__dirname\b|\b__filename\b/);
  });
});
