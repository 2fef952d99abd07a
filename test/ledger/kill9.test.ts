import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture, ok } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const root = join(import.meta.dirname, '../..');

/** Runs the appending child until it acknowledged `acks` entries (plus a random moment), then SIGKILLs it. */
function appendThenKill(dataDir: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/run-ts.mjs'), join(root, 'test/ledger/kill9-child.ts'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (!killing && acked.length >= acks) {
        killing = true;
        // Mid-append: a few milliseconds on, so the kill lands inside a write, not between them.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 8));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      // Anything printed before the kill landed was acknowledged too.
      for (const line of buffer.split('\n')) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`the child exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('durability', () => {
  it('keeps every acknowledged entry, and a verifying chain, through kill -9 mid-append', { timeout: 60_000 }, async () => {
    const dataDir = await fx.tempDir();
    const acked = await appendThenKill(dataDir, 10 + Math.floor(Math.random() * 50));
    expect(acked.length).toBeGreaterThanOrEqual(10);
    const engine = await fx.open(dataDir);
    const treasury = engine.marketplace.id!;
    const device = engine.keys.device.publicKey;
    const missing = acked.filter((id) => !engine.ledger.entryById(id.startsWith('dep-') ? treasury : device, id));
    expect(missing).toEqual([]);
    const report = await ok<{ ok: boolean; entries: number; problems: unknown[] }>(engine, 'ledger.verify');
    expect(report.problems).toEqual([]);
    expect(report.entries).toBeGreaterThanOrEqual(acked.length);
    // The chain goes on from where the killed process left it.
    await ok(engine, 'ledger.deposit', { amount: 1, id: 'after-restart' });
    expect((await ok<{ ok: boolean }>(engine, 'ledger.verify')).ok).toBe(true);
  });
});
