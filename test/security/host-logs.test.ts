import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../src-main/engine/secrets/envelope';
import { UNPROTECTED_WARNING } from '../../src-main/engine/secrets/passphrase';
import { Fixture } from '../engine/helpers';
import { CliProcesses, cleanEnv } from '../host/serve-process';

/**
 * A real `infiniroute serve` process: no secret reaches its output (the token only in the start
 * banner that hands it to the user, API keys never), it binds loopback by default, and it warns when
 * the private keys are not encrypted.
 */
const SLOW = 60_000;
const fx = new Fixture();
const cli = new CliProcesses();
afterEach(async () => {
  await cli.killAll();
  await fx.cleanup();
});

const startServe = (args: string[], env: NodeJS.ProcessEnv) => cli.serve(['--port', '0', ...args], env);

const rpc = (base: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }).then((r) => r.text());

function wsTry(url: string): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const done = () => {
      ws.terminate();
      resolve();
    };
    ws.once('open', done);
    ws.once('error', done);
    ws.once('unexpected-response', done);
  });
}

describe('infiniroute serve output', () => {
  it('never prints the token (beyond the start banner) or an API key, whatever the requests do', { timeout: 2 * SLOW }, async () => {
    const token = 'tok-NEVER-LOG-THIS-4f9a2c';
    const apiKey = 'sk-live-NEVER-LOG-THIS-KEY-77b1';
    const data = await fx.tempDir();
    const served = await startServe(['--data', data, '--token', token], cleanEnv());
    const { base } = served;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = { Authorization: `Bearer ${token}` };
    const call = (method: string, params: unknown, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

    await rpc(base, call('marketplace.openDemo', {}), auth);
    await rpc(base, call('providers.setKey', { baseUrl: 'http://127.0.0.1:9/v1', apiKey }), auth);
    await rpc(base, call('providers.setKey', { baseUrl: `not a url ${apiKey}`, apiKey }), auth);
    await rpc(base, call('providers.setKey', { baseUrl: 'http://127.0.0.1:9/v1', apiKey, extra: apiKey }), auth);
    await rpc(base, call('route.call', { task: 'chat', messages: [{ role: 'user', content: `my key is ${apiKey} and ${token}` }] }), auth);
    await rpc(base, call('route.plan', { task: 'chat', messages: [{ role: 'user', content: apiKey }] }), auth);
    await rpc(base, call(`no.such.${token}`, { apiKey }), auth);
    await rpc(base, `{"jsonrpc":"2.0","id":1,"method":"providers.setKey","params":{"apiKey":"${apiKey}",}`, auth);
    await rpc(base, call('system.health', {}), { Authorization: `Bearer ${token}x` });
    await rpc(base, call('system.health', { pad: `${apiKey}${'x'.repeat(1024 * 1024)}` }), auth);
    await fetch(`${base}/rpc?token=${token}`, { method: 'POST', body: call('system.health', {}) });
    for (const path of [`/user.html?token=${token}`, `/missing.html?token=${token}`, `/assets/none.js?token=${token}&k=${apiKey}`, `/../../etc/passwd?token=${token}`, `/user.html?token=${token}x`]) {
      await fetch(`${base}${path}`);
    }
    await fetch(`${base}/user.html`, { headers: { Cookie: `infiniroute_token=${token}`, Origin: 'https://evil.example' } });
    await wsTry(`${base.replace('http', 'ws')}/events?token=${token}`);
    await wsTry(`${base.replace('http', 'ws')}/events?token=${token}-wrong`);
    await wsTry(`${base.replace('http', 'ws')}/nope?token=${token}`);
    await served.stop();

    const { stdout, stderr } = served.output();
    const lines = `${stdout}\n${stderr}`.split('\n');
    const banner = lines.filter((l) => /^(Open|Producer console): /.test(l));
    expect(banner).toHaveLength(2);
    expect(lines.filter((l) => l.includes(token) && !banner.includes(l))).toEqual([]);
    expect(lines.filter((l) => l.includes(apiKey) || l.includes('NEVER-LOG'))).toEqual(banner.filter((l) => l.includes('NEVER-LOG')));
    expect(`${stdout}${stderr}`).not.toContain(apiKey);
  });

  it('warns at start that the keys are unencrypted, and not when a passphrase is set', { timeout: 2 * SLOW }, async () => {
    const plain = await fx.tempDir();
    const unprotected = await startServe(['--data', plain, '--token', 'warning-test-token'], cleanEnv());
    await unprotected.stop();
    expect(unprotected.output().stderr).toContain(UNPROTECTED_WARNING);
    expect(UNPROTECTED_WARNING).toBe('warning: private keys are stored unencrypted (mode 0600); set INFINIROUTE_PASSPHRASE to encrypt them');

    const secret = await fx.tempDir();
    const passphrase = 'correct horse battery staple';
    const protectedServe = await startServe(['--data', secret, '--token', 'warning-test-token'], cleanEnv({ INFINIROUTE_PASSPHRASE: passphrase }));
    await protectedServe.stop();
    const { stdout, stderr } = protectedServe.output();
    expect(stderr).not.toContain('unencrypted');
    expect(`${stdout}${stderr}`).not.toContain(passphrase);
    const pem = await readFile(join(secret, 'identity', 'identity.pem'), 'utf8');
    expect(parseEnvelope(pem, 'identity/identity.pem')?.kdf.name).toBe('scrypt');
  });

  it('refuses a wrong passphrase with exit code 1 and a clear message', { timeout: 2 * SLOW }, async () => {
    const data = await fx.tempDir();
    const first = await startServe(['--data', data, '--token', 'passphrase-token'], cleanEnv({ INFINIROUTE_PASSPHRASE: 'right' }));
    await first.stop();
    const { code, stderr } = await cli.run(['serve', '--port', '0', '--data', data, '--token', 'passphrase-token'], cleanEnv({ INFINIROUTE_PASSPHRASE: 'wrong' }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/WRONG_PASSPHRASE: cannot decrypt identity\/identity\.pem: wrong passphrase/);
    expect(stderr).not.toContain('wrong\n');
  });
});
