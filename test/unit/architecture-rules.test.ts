import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The violations dependency-cruiser reports for `paths` under the project's rules, by rule name. */
async function violations(paths: string[]): Promise<Map<string, string[]>> {
  const { stdout } = await run('npx', ['depcruise', ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { maxBuffer: 64 * 1024 * 1024 }).catch(
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  const byRule = new Map<string, string[]>();
  for (const v of report.summary.violations) byRule.set(v.rule.name, [...(byRule.get(v.rule.name) ?? []), `${v.from} -> ${v.to}`]);
  return byRule;
}

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  it('every rule fires on the fixture that breaks it', async () => {
    const found = await violations(['test/fixtures/architecture']);
    for (const rule of [
      'no-circular',
      'no-engine-from-domains',
      'no-use-case-in-state',
      'no-sync-from-domains',
      'no-electron-in-engine',
      'shared-is-pure',
      'shared-no-node',
      'renderer-through-the-contract',
    ]) {
      expect(found.get(rule), rule).toBeDefined();
    }
    expect(found.get('no-engine-from-domains')).toEqual([expect.stringMatching(/ledger\/reaches-engine\.ts -> .*engine\/engine\.ts$/)]);
  }, 60_000);
});
