import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { checkpoint, deposit, exportLines, LedgerFiles, market, rawRecord, verifyCli } from './ledger-files';

/**
 * Security finding 11 (docs/security.md): the offline verifier, attacked with crafted export files
 * through the real `infiniroute ledger verify` process.
 */
const files = new LedgerFiles();
afterEach(() => files.cleanup());

const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; balances: Record<string, unknown>; supply: unknown; problems: Array<{ line: number; kind: string; reason: string }>; steps?: number; checkpoints: number };

describe('ledger verify on crafted files', () => {
  it('sums balances exactly above 2^53 micro-credits', { timeout: 60_000 }, async () => {
    const { treasury, config } = market();
    const user = generateSigningKey().publicKey;
    const amounts = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1];
    const entries: SignedRecord[] = [];
    for (const [i, amount] of amounts.entries()) entries.push(deposit(treasury, i + 1, entries[i - 1] ?? null, user, amount));
    const file = await files.write('big.jsonl', exportLines(treasury.publicKey, [config, ...entries]));
    const exact = (2n * BigInt(Number.MAX_SAFE_INTEGER) + 1n).toString();
    const run = verifyCli(file, '--json');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = json(run.stdout);
    // 2^54 − 1: as a floating-point sum it rounds to 2^54.
    expect(report.balances[`user:${user}`]).toBe(exact);
    expect(report.balances.treasury).toBe(`-${exact}`);
    expect(report.supply).toBe(exact);
    expect(verifyCli(file).stdout).toMatch(/deposited 18014398509\.481983 cr; 1 users hold 18014398509\.481983 cr/);
  });

  it('refuses a 6,000-deep record and a 6,000-deep line with a clear reason and their line numbers', { timeout: 60_000 }, async () => {
    const { treasury, config } = market();
    const stranger = generateSigningKey();
    const deep = '['.repeat(6_000) + ']'.repeat(6_000);
    // Canonical, validly signed: only its depth is wrong.
    const record = rawRecord(stranger, `{"author":"${stranger.publicKey}","body":{"deep":${deep}},"kind":"device-cert","seq":1,"subject":"${stranger.publicKey}","ts":1,"v":1}`);
    const lines = exportLines(treasury.publicKey, [config, record], [`{"type":"consistency","chain":"${treasury.publicKey}","first":1,"second":2,"proof":${deep}}`]);
    const file = await files.write('deep.jsonl', lines);
    const run = verifyCli(file);
    expect(run.stderr).not.toMatch(/Maximum call stack/);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^FAILED: line 3: format problem .*nests deeper than 32 levels/);
    expect(run.stdout).toMatch(/\n {2}line 4: format problem: .*nests deeper than 32 levels/);
  });

  it('reports a device certificate and a checkpoint that appear twice', { timeout: 60_000 }, async () => {
    const { treasury, config } = market();
    const identity = generateSigningKey();
    const cert = signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: generateSigningKey().publicKey, label: 'laptop' }, 1_500));
    const entry = deposit(treasury, 1, null, identity.publicKey, 5_000);
    const head = checkpoint(treasury, 1, [entry], 1);
    const file = await files.write('twice.jsonl', exportLines(treasury.publicKey, [config, cert, cert, entry, head, head]));
    const run = verifyCli(file, '--json');
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const { problems } = json(run.stdout);
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, kind: 'format', reason: expect.stringMatching(/appears twice \(first at line 3\)/) }),
      expect.objectContaining({ line: 7, kind: 'format', reason: expect.stringMatching(/appears twice \(first at line 6\)/) }),
    ]);
  });

  it('checks 60,000 checkpoints in work linear in the file (counted steps, not time)', { timeout: 180_000 }, async () => {
    const { treasury, config } = market();
    const user = generateSigningKey().publicKey;
    const first = deposit(treasury, 1, null, user, 10);
    const second = deposit(treasury, 2, first, user, 20);
    const heads = Array.from({ length: 60_000 }, (_, i) => checkpoint(treasury, i + 1, [first, second], 2));
    const steps: number[] = [];
    for (const n of [6_000, 60_000]) {
      const file = await files.write(`heads-${n}.jsonl`, exportLines(treasury.publicKey, [config, first, second, ...heads.slice(0, n)]));
      const run = verifyCli(file, '--json');
      expect(run.status, run.stderr).toBe(0);
      const report = json(run.stdout);
      expect(report.checkpoints).toBe(n);
      expect(typeof report.steps, 'the report counts the steps it took').toBe('number');
      steps.push(report.steps!);
    }
    // Ten times the checkpoints, ten times the work (a quadratic verifier would do a hundred times).
    expect(steps[1]).toBeGreaterThanOrEqual(60_000);
    expect(steps[1]! / steps[0]!).toBeLessThan(11);
  });
});
