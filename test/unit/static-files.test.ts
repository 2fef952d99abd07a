import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, contentTypeOf, resolveStaticPath } from '../../src-main/host/static-files';

const root = resolve('/srv/infiniroute/out/renderer');

describe('resolveStaticPath', () => {
  it('maps paths to files inside the root', () => {
    expect(resolveStaticPath(root, '/assets/x.js')).toBe(join(root, 'assets', 'x.js'));
    expect(resolveStaticPath(root, '/user.html')).toBe(join(root, 'user.html'));
    expect(resolveStaticPath(root + '/', '/user.html')).toBe(join(root, 'user.html'));
  });

  it('decodes percent-encoded names and collapses repeated slashes', () => {
    expect(resolveStaticPath(root, '/assets/my%20font.woff2')).toBe(join(root, 'assets', 'my font.woff2'));
    expect(resolveStaticPath(root, '//assets///x.js')).toBe(join(root, 'assets', 'x.js'));
  });

  it.each([
    ['a raw ..', '/../secret.txt'],
    ['a nested ..', '/assets/../../secret.txt'],
    ['%2e%2e', '/%2e%2e/secret.txt'],
    ['%2E%2E with an encoded slash', '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt'],
    ['..%2f', '/..%2fsecret.txt'],
    ['a backslash', '/assets\\..\\secret.txt'],
    ['an encoded backslash', '/assets%5c..%5csecret.txt'],
    ['a NUL byte', '/user.html%00.js'],
    ['a dot-file', '/.env'],
    ['a dot-folder', '/.git/config'],
    ['a dot-file in a folder', '/assets/.hidden.js'],
    ['an empty path', ''],
    ['the root itself', '/'],
    ['a malformed escape', '/assets/%E0%A4%A.js'],
  ])('refuses %s', (_label, path) => {
    expect(resolveStaticPath(root, path)).toBeNull();
  });

  it('never answers a path outside the root, whatever it is given', () => {
    for (const path of ['/a/b/../../../x', '/%2e/x', '/./x', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
      const resolved = resolveStaticPath(root, path);
      if (resolved !== null) expect(resolved.startsWith(root + '/')).toBe(true);
    }
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer build produces, whatever the letter case', () => {
    expect(contentTypeOf('/x/user.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/app.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/APP.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/style.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/font.woff2')).toBe('font/woff2');
  });

  it('falls back to an opaque type for anything else', () => {
    expect(contentTypeOf('/x/file.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('/x/noext')).toBe('application/octet-stream');
  });
});

describe('RENDERER_CSP', () => {
  it('allows scripts only from the app itself, and no framing or plugins', () => {
    const directives = Object.fromEntries(RENDERER_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });
});
