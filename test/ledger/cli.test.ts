import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture, ok } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const root = join(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/infiniroute.mjs'), ...args], { cwd: root, encoding: 'utf8' });

describe('infiniroute ledger export | verify', () => {
  it('exports a demo folder that verifies offline, and names the entry when a line is removed', { timeout: 60_000 }, async () => {
    const dataDir = await fx.tempDir();
    const engine = await fx.open(dataDir);
    const info = await ok<{ id: string }>(engine, 'marketplace.openDemo');
    await fx.close(engine);

    const exported = cli('ledger', 'export', '--data', dataDir);
    expect(exported.status, exported.stderr).toBe(0);
    const file = join(await fx.tempDir(), 'ledger.jsonl');
    await writeFile(file, exported.stdout);
    const verified = cli('ledger', 'verify', file, '--marketplace', info.id);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: ledger of marketplace .* verifies\./);
    // 11 chains: treasury, the local buyer, 8 demo users and the demo producer (its refunds).
    expect(verified.stdout).toMatch(/\d{3} entries in 11 chains/);

    // Drop one charge from the middle of a chain: the next entry of that chain is named.
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const payload = (line: string) => JSON.parse(Buffer.from(JSON.parse(line).bytes ?? '', 'base64').subarray(64).toString('utf8') || '{}');
    const victim = lines.findIndex((l, i) => i > 0 && payload(l).kind === 'ledger-entry' && payload(l).body.kind === 'charge' && payload(l).seq === 3);
    const chain = payload(lines[victim]!).author as string;
    await writeFile(file, lines.filter((_, i) => i !== victim).join('\n') + '\n');
    const failed = cli('ledger', 'verify', file);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`^FAILED: line \\d+: chain problem at chain ${chain}, seq 4, hash [0-9a-f]{64}, id demo-call-\\d+: seq 4 follows seq 2`));

    expect(cli('ledger', 'verify', file, '--marketplace', 'A'.repeat(43)).status).toBe(1);
    expect(cli('ledger', 'export', '--data', join(dataDir, 'nothing-here')).status).toBe(2);
  });
});
