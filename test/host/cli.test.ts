import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture } from '../engine/helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'bin/infiniroute.mjs';
const SLOW = 60_000;

const fx = new Fixture();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
  await fx.cleanup();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without inherited INFINIROUTE_* settings, so only the arguments count. */
function env(): NodeJS.ProcessEnv {
  const out = { ...process.env };
  delete out.INFINIROUTE_DATA;
  delete out.INFINIROUTE_TOKEN;
  return out;
}

function run(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `serve` and resolves once it printed the URL to open. */
function startServe(dataDir: string, port: number, token: string): Promise<{ child: ChildProcess; stdout: string; openUrl: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', String(port), '--token', token], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Both URL lines, not just the first: a loaded machine may deliver them in separate chunks.
      const match = /^Open: (\S+)$/m.exec(stdout);
      if (match && /^Producer console: \S+$/m.test(stdout)) resolve({ child, stdout, openUrl: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it printed its URL: ${stderr}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function rpc(base: string, token: string, method: string, params: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/rpc`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { result?: Record<string, unknown>; error?: unknown };
  expect(answer.error).toBeUndefined();
  return answer.result!;
}

describe('infiniroute CLI', () => {
  it('prints help naming its commands', { timeout: SLOW }, async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const word of ['serve', 'seed --demo', 'seed --synthetic', 'identity export', 'docs-api']) expect(help.stdout).toContain(word);
  });

  it('exits 2 with a usage message for an unknown command or option', { timeout: SLOW }, async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const data = await fx.tempDir();
    const badOption = await run('seed', '--demo', '--data', data, '--colour', 'red');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('unknown option --colour');
    const noMode = await run('seed', '--data', data);
    expect(noMode.code).toBe(2);
  });

  it('seeds the demo once, then refuses a second time with CONFLICT (exit 1)', { timeout: SLOW }, async () => {
    const data = await fx.tempDir();
    const first = await run('seed', '--demo', '--data', data);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Demo marketplace');
    const second = await run('seed', '--demo', '--data', data);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('CONFLICT');
  });

  it('exports the identity keys as JSON', { timeout: SLOW }, async () => {
    const data = await fx.tempDir();
    expect((await run('seed', '--demo', '--data', data)).code).toBe(0);
    const exported = await run('identity', 'export', '--data', data);
    expect(exported.code).toBe(0);
    const keys = JSON.parse(exported.stdout) as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(['device', 'identity', 'treasury']);
    for (const pem of Object.values(keys)) expect(pem).toContain('BEGIN PRIVATE KEY');
  });

  it('serves a seeded folder, and serves the same verified catalog after a restart', { timeout: 2 * SLOW }, async () => {
    const data = await fx.tempDir();
    expect((await run('seed', '--demo', '--data', data)).code).toBe(0);
    const token = 'cli-test-token-42';
    const port = await freePort();

    const first = await startServe(data, port, token);
    expect(first.openUrl).toBe(`http://127.0.0.1:${port}/user.html?token=${token}`);
    expect(first.stdout).toContain(`/producer.html?token=${token}`);
    const base = `http://127.0.0.1:${port}`;
    const listed = await rpc(base, token, 'catalog.list', { limit: 500 });
    expect(listed.total as number).toBeGreaterThanOrEqual(60);
    const ids = (listed.items as Array<{ id: string }>).map((i) => i.id).sort();
    expect((await fetch(`${base}/rpc`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(await stop(first.child)).toBe(0);

    const second = await startServe(data, port, token);
    expect(second.openUrl).toContain(`token=${token}`);
    const again = await rpc(base, token, 'catalog.list', { limit: 500 });
    expect((again.items as Array<{ id: string }>).map((i) => i.id).sort()).toEqual(ids);
    const health = await rpc(base, token, 'system.health');
    expect(health.counts).toMatchObject({ models: ids.length, quarantined: 0 });
    expect(await stop(second.child)).toBe(0);
  });

  it('refuses a token shorter than 8 characters', { timeout: SLOW }, async () => {
    const data = await fx.tempDir();
    const short = await run('serve', '--data', data, '--port', '0', '--token', 'short');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 8 characters');
  });

  it('prints the API docs the contract generates', { timeout: SLOW }, async () => {
    const { generateApiDocs } = await import('../../src-shared/api-docs');
    const docs = await run('docs-api');
    expect(docs.code).toBe(0);
    expect(docs.stdout).toBe(generateApiDocs());
  });
});
