import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../src-main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/csp';

let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'user.html'), '<!doctype html><title>user</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'top secret');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string) => new Request(url);

describe('app:// protocol handler', () => {
  it('serves files with their content type, the CSP and nosniff', async () => {
    const res = await createAppProtocolHandler({ rootDir: root })(get('app://renderer/user.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>user</title>');

    const js = await createAppProtocolHandler({ rootDir: root })(get('app://renderer/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('answers only GET', async () => {
    const handler = createAppProtocolHandler({ rootDir: root });
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const res = await handler(new Request('app://renderer/user.html', { method }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
    }
  });

  it('refuses traversal without touching the file system', async () => {
    const readFile = vi.fn(async () => new Uint8Array());
    const handler = createAppProtocolHandler({ rootDir: root, readFile });
    // new Request() would normalise the dots away; Electron hands over the raw string, so fake that.
    const raw = { method: 'GET', url: 'app://renderer/%2e%2e/secret.txt' } as Request;
    const res = await handler(raw);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).not.toContain('top secret');
    expect(readFile).not.toHaveBeenCalled();
  });

  it('answers 404 for unknown hosts and missing files, without leaking paths', async () => {
    const handler = createAppProtocolHandler({ rootDir: root });
    expect((await handler(get('app://other/user.html'))).status).toBe(404);
    const missing = await handler(get('app://renderer/nope.html'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain(root);
    expect((await handler(get('app://renderer/assets'))).status).toBe(404);
  });

  it('answers 500 for other read errors', async () => {
    const readFile = vi.fn(async () => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${root}/user.html'`), { code: 'EACCES' });
    });
    const res = await createAppProtocolHandler({ rootDir: root, readFile })(get('app://renderer/user.html'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(root);
  });
});
