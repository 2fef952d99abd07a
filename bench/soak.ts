/**
 * `npm run soak`: runs each listed test file REPEAT times (default 3), each run in its own
 * `npx vitest run <file>`, to shake out failures that only show sometimes (crash timing, races).
 * Words after `--` pick the files whose path contains one of them (`npm run soak -- crash kill9`).
 * Prints `soak: N passed, M failed` last and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';

const FILES = [
  'test/ledger/kill9.test.ts',
  'test/security/crash-publish-pricing.test.ts',
  'test/security/crash-mixed.test.ts',
  'test/sync/three-peers.test.ts',
  'test/sync/five-peers.test.ts',
  'test/sync/malicious.test.ts',
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
    const run = spawnSync('npx', ['vitest', 'run', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const ok = run.status === 0;
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'pass' : 'FAIL'} ${file} (round ${round}/${repeat}, ${Date.now() - started} ms)`);
    if (!ok) console.log(`${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-40).join('\n'));
  }
}
console.log(`soak: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
