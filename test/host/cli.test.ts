import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Fixture } from '../engine/helpers';
import { CliProcesses } from './serve-process';

const SLOW = 60_000;

const fx = new Fixture();
const cli = new CliProcesses();
afterEach(async () => {
  await cli.killAll();
  await fx.cleanup();
});

const run = (...args: string[]) => cli.run(args);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const startServe = (dataDir: string, port: number, token: string) => cli.serve(['--data', dataDir, '--port', String(port), '--token', token]);

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
    // A demo folder also keeps the demo producer's key beside the buyer's (it signs the producer console).
    expect(Object.keys(keys).sort()).toEqual(['demo-producer', 'device', 'identity', 'treasury']);
    for (const pem of Object.values(keys)) expect(pem).toContain('BEGIN PRIVATE KEY');
  });

  it('serves a seeded folder, and serves the same verified catalog after a restart', { timeout: 2 * SLOW }, async () => {
    const data = await fx.tempDir();
    expect((await run('seed', '--demo', '--data', data)).code).toBe(0);
    const token = 'cli-test-token-4242';
    const port = await freePort();

    const first = await startServe(data, port, token);
    // The printed URLs carry this start's page session in the fragment, never the token.
    expect(first.openUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/user\\.html#session=[A-Za-z0-9_-]{43}$`));
    expect(first.output().stdout).toMatch(/\/producer\.html#session=[A-Za-z0-9_-]{43}/);
    expect(first.output().stdout).not.toContain(token);
    const base = `http://127.0.0.1:${port}`;
    const listed = await rpc(base, token, 'catalog.list', { limit: 500 });
    expect(listed.total as number).toBeGreaterThanOrEqual(60);
    const ids = (listed.items as Array<{ id: string }>).map((i) => i.id).sort();
    expect((await fetch(`${base}/rpc`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(await first.stop()).toBe(0);

    const second = await startServe(data, port, token);
    expect(second.openUrl).toContain('#session=');
    expect(second.openUrl).not.toBe(first.openUrl);
    const again = await rpc(base, token, 'catalog.list', { limit: 500 });
    expect((again.items as Array<{ id: string }>).map((i) => i.id).sort()).toEqual(ids);
    const health = await rpc(base, token, 'system.health');
    expect(health.counts).toMatchObject({ models: ids.length, quarantined: 0 });
    expect(await second.stop()).toBe(0);
  });

  it('refuses a token shorter than 16 characters', { timeout: SLOW }, async () => {
    const data = await fx.tempDir();
    const short = await run('serve', '--data', data, '--port', '0', '--token', 'short-token-15c');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 16 characters');
  });

  it('prints the API docs the contract generates', { timeout: SLOW }, async () => {
    const { generateApiDocs } = await import('../../src-shared/api-docs');
    const docs = await run('docs-api');
    expect(docs.code).toBe(0);
    expect(docs.stdout).toBe(generateApiDocs());
  });
});
