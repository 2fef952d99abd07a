import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isInside, resolveAppRequest } from '../../src-main/shell/app-url';

const root = resolve('/srv/app/out/renderer');

describe('resolveAppRequest', () => {
  it('maps app://renderer paths to files inside the renderer folder', () => {
    expect(resolveAppRequest('app://renderer/user.html', root)).toEqual({
      ok: true,
      filePath: join(root, 'user.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://renderer/assets/producer-Ab12.js?v=1#x', root)).toEqual({
      ok: true,
      filePath: join(root, 'assets', 'producer-Ab12.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('decodes percent-encoded file names', () => {
    const r = resolveAppRequest('app://renderer/assets/my%20font.woff2', root);
    expect(r).toMatchObject({ ok: true, filePath: join(root, 'assets', 'my font.woff2'), contentType: 'font/woff2' });
  });

  it('accepts the host in any letter case', () => {
    expect(resolveAppRequest('app://RENDERER/user.html', root).ok).toBe(true);
  });

  it.each([
    ['parent segment', 'app://renderer/../secret.txt'],
    ['nested parent segment', 'app://renderer/assets/../../etc/passwd'],
    ['encoded parent', 'app://renderer/%2e%2e/etc/passwd'],
    ['mixed-case encoded parent', 'app://renderer/assets/%2E%2e/%2e%2E/etc/passwd'],
    ['half-encoded parent', 'app://renderer/.%2e/etc/passwd'],
    ['trailing parent', 'app://renderer/assets/..'],
    ['current-dir segment', 'app://renderer/./user.html'],
    ['backslash', 'app://renderer/assets\\..\\..\\secret'],
    ['encoded backslash', 'app://renderer/assets%5c..%5csecret'],
    ['encoded slash', 'app://renderer/assets%2f..%2fsecret'],
    ['null byte', 'app://renderer/user.html\u0000.png'],
    ['encoded null byte', 'app://renderer/user.html%00.png'],
    ['absolute path via empty segment', 'app://renderer//etc/passwd'],
    ['windows drive', 'app://renderer/C:/Windows/win.ini'],
    ['encoded drive', 'app://renderer/C%3A/Windows/win.ini'],
    ['malformed encoding', 'app://renderer/%E0%A4%A'],
    ['other scheme', 'file:///etc/passwd'],
    ['http', 'http://renderer/user.html'],
    ['not a URL', 'user.html'],
  ])('refuses %s with 400', (_label, url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    ['unknown host', 'app://evil/user.html'],
    ['no host', 'app:///etc/passwd'],
    ['port', 'app://renderer:8080/user.html'],
    ['credentials', 'app://me:pw@renderer/user.html'],
    ['no file', 'app://renderer/'],
  ])('refuses %s with 404', (_label, url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ ok: false, status: 404 });
  });

  it('never resolves outside the root, whatever the input', () => {
    const nasty = ['..', '%2e%2e', '.', '%2e', '..%2f', '%2e%2e%5c', '...', 'a', '%252e%252e', '~', '%c0%ae%c0%ae'];
    for (const a of nasty) {
      for (const b of nasty) {
        const r = resolveAppRequest(`app://renderer/${a}/${b}/x.html`, root);
        if (r.ok) expect(r.filePath.startsWith(root + sep)).toBe(true);
      }
    }
  });

  it('treats double-encoded dots as a literal file name, which stays inside the root', () => {
    expect(resolveAppRequest('app://renderer/%252e%252e/x', root)).toMatchObject({ ok: true, filePath: join(root, '%2e%2e', 'x') });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('isInside', () => {
  it('accepts only paths strictly below the root', () => {
    expect(isInside(root, join(root, 'user.html'))).toBe(true);
    expect(isInside(root, join(root, 'assets', 'a.js'))).toBe(true);
    expect(isInside(root, root)).toBe(false);
    expect(isInside(root, join(root, '..', 'secret.txt'))).toBe(false);
    expect(isInside(root, `${root}-evil/user.html`)).toBe(false);
    expect(isInside(root, '/etc/passwd')).toBe(false);
  });

  it('accepts file names that merely start with two dots', () => {
    expect(isInside(root, join(root, '..hidden'))).toBe(true);
  });
});

describe('resolveAppRequest: control characters', () => {
  it.each(['%01', '%0a', '%0d', '%1f', '%09'])('refuses an encoded %s in a file name', (enc) => {
    expect(resolveAppRequest(`app://renderer/user${enc}.html`, root)).toMatchObject({ ok: false, status: 400 });
  });
});
