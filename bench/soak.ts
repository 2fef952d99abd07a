/**
 * `npm run soak`: runs each listed test file REPEAT times (default 3), each run in its own
 * `npx vitest run <file>`, to shake out failures that only show sometimes (crash timing, races).
 * Words after `--` pick the files whose path contains one of them (`npm run soak -- crash kill9`).
 * The attack tests of test/adversarial are listed too, each run with a fresh ADVERSARIAL_SEED (printed,
 * so a failing order can be replayed: `ADVERSARIAL_SEED=N npx vitest run <file>`).
 * Prints `soak: N passed, M failed` last and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';

/** The attack tests (test/adversarial): each round gets its own ADVERSARIAL_SEED, so arrival orders differ. */
const ADVERSARIAL = (existsSync('test/adversarial') ? readdirSync('test/adversarial') : [])
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => `test/adversarial/${name}`);

const FILES = [
  'test/ledger/kill9.test.ts',
  'test/security/crash-publish-pricing.test.ts',
  'test/security/crash-mixed.test.ts',
  'test/sync/three-peers.test.ts',
  'test/sync/five-peers.test.ts',
  'test/sync/malicious.test.ts',
  ...ADVERSARIAL,
];

const repeat = Number(process.env.REPEAT ?? 3);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`REPEAT must be a positive whole number, got ${process.env.REPEAT}`);
  process.exit(2);
}
const words = process.argv.slice(2);
const files = words.length === 0 ? FILES : FILES.filter((file) => words.some((word) => file.includes(word)));
if (files.length === 0) {
  console.error(`no soak test matches ${words.join(', ')}; the soak tests are:\n${FILES.join('\n')}`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (let round = 1; round <= repeat; round++) {
  for (const file of files) {
    const started = Date.now();
    const seed = String(randomInt(1, 2 ** 31));
    const env = { ...process.env, ADVERSARIAL_SEED: seed };
    const run = spawnSync('npx', ['vitest', 'run', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
    const ok = run.status === 0;
    if (ok) passed++;
    else failed++;
    const seedNote = file.startsWith('test/adversarial/') ? `, ADVERSARIAL_SEED=${seed}` : '';
    console.log(`${ok ? 'pass' : 'FAIL'} ${file} (round ${round}/${repeat}, ${Date.now() - started} ms${seedNote})`);
    if (!ok) console.log(`${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-40).join('\n'));
  }
}
console.log(`soak: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
