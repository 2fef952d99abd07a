import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Doyensec's Electronegativity (static checks for Electron misconfigurations) over the app's
 * sources and, when it has been built, over out/ (what ships). Offline: its two network calls (a
 * translation download and the Electron release list) are stubbed / excluded. Any HIGH finding
 * fails the test; the counts per severity are printed.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const runnerPath = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/runner.js');
const requireFromTool = createRequire(runnerPath);

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}
interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Issue[];
}
type Run = (options: Record<string, unknown>) => Promise<Result>;

/** `got` answers every request with a failure, so the tool never reaches the network. */
function stubNetwork(): void {
  const gotPath = requireFromTool.resolve('got');
  const offline = () => Promise.reject(new Error('offline: Electronegativity runs without network in tests'));
  const stub = Object.assign(offline, { head: offline, get: offline, default: offline });
  requireFromTool.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub } as unknown as NodeJS.Module;
}

function loadRun(): Run {
  stubNetwork();
  const mod = requireFromTool(runnerPath) as Run | { default: Run };
  return typeof mod === 'function' ? mod : mod.default;
}

const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

async function scan(input: string): Promise<Result> {
  const run = loadRun();
  return run({
    input,
    electronVersionOverride: electronVersion,
    isRelative: true,
    // Compares the Electron version against GitHub's release list: needs the network, and is a
    // dependency-update question (tracked with the other dependencies), not a code finding.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
}

function report(label: string, result: Result): Record<string, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, result.issues.filter((i) => i.severity.name === s).length]));
  console.log(
    `[electronegativity] ${label}: ${SEVERITIES.map((s) => `${s} ${counts[s]}`).join(', ')} ` +
      `(${result.globalChecks} global + ${result.atomicChecks} atomic checks, Electron ${electronVersion})`,
  );
  for (const i of result.issues) {
    console.log(`  ${i.severity.name} ${i.confidence.name} ${i.id} ${i.file}:${i.location.line}${i.manualReview ? ' (manual review)' : ''}`);
  }
  for (const e of result.errors) console.log(`  parse ${e.tolerable ? 'warning' : 'error'} ${e.file}: ${e.message}`);
  return counts;
}

describe('Electronegativity', () => {
  it('finds no HIGH issue in the sources (main, preload, shared, renderer)', { timeout: 60_000 }, async () => {
    // One folder with every part of the app, so global checks (navigation limits, permission
    // handler, CSP) see the whole program and not one half of it.
    const dir = await mkdtemp(join(tmpdir(), 'electronegativity-'));
    temp.push(dir);
    for (const part of ['src-main', 'src-shared', 'src-renderer', 'package.json']) {
      await cp(join(ROOT, part), join(dir, part), { recursive: true, filter: (src) => !src.includes('node_modules') });
    }
    const result = await scan(dir);
    const counts = report('sources', result);
    expect(result.globalChecks + result.atomicChecks).toBeGreaterThan(30);
    expect(result.errors.filter((e) => !e.tolerable && e.file.startsWith('src-main')), 'main-process files it could not parse').toEqual([]);
    expect(result.issues.filter((i) => i.severity.name === 'HIGH').map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([]);
    expect(counts.HIGH).toBe(0);
  });

  it.skipIf(!existsSync(join(ROOT, 'out', 'main', 'index.js')))('finds no HIGH issue in the built app (out/)', { timeout: 60_000 }, async () => {
    const result = await scan(join(ROOT, 'out'));
    report('out/', result);
    expect(result.issues.filter((i) => i.severity.name === 'HIGH').map((i) => `${i.id} ${i.file}:${i.location.line}`)).toEqual([]);
  });
});
