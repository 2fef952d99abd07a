import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from '../../src-main/shell/app-origin';
import { resolveAppRequest } from '../../src-main/shell/app-url';
import { CSP_DIRECTIVES } from '../../src-main/shell/csp';
import { decideWindowOpen } from '../../src-main/shell/navigation';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from '../../src-main/shell/permissions';
import { ACTIVATION_WINDOW_MS, createUserActivation } from '../../src-main/shell/user-activation';
import { secureWebPreferences } from '../../src-main/shell/web-preferences';

/**
 * Electron's security checklist, item by item, against the shell's sources. The behaviour of each
 * pure function is tested in test/shell; this file checks that the pieces are actually wired where
 * Electron uses them, and fills the gaps (user-clicked openExternal, restated webPreferences).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Source without comments, so a word in a comment is not mistaken for a use. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const file = join(e.parentPath, e.name).slice(ROOT.length + 1).replaceAll('\\', '/');
      return { file, text: code(read(file)) };
    });
}
const MAIN = sources('src-main');

describe('webPreferences: sandbox, contextIsolation, no Node', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it('turns every risky option off', () => {
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('experimentalFeatures');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is what every BrowserWindow gets, restated literally where it is created', () => {
    const windows = read('src-main/shell/windows.ts');
    expect(MAIN.filter((s) => /new BrowserWindow\(/.test(s.text)).map((s) => s.file)).toEqual(['src-main/shell/windows.ts']);
    const block = /webPreferences: \{\s*\.\.\.secureWebPreferences\(options\.preloadPath\),([\s\S]*?)\n\s*\},/.exec(windows);
    expect(block, 'windows.ts spreads secureWebPreferences() into webPreferences').not.toBeNull();
    const restated = Object.fromEntries(
      [...block![1]!.matchAll(/^\s*(\w+): ([^,]+),/gm)].map((m) => [m[1]!, JSON.parse(m[2]!.replaceAll("'", '"')) as unknown]),
    );
    expect(Object.keys(restated).sort()).toEqual(['contextIsolation', 'disableBlinkFeatures', 'nodeIntegration', 'sandbox']);
    for (const [key, value] of Object.entries(restated)) expect(prefs[key as keyof typeof prefs], key).toBe(value);
  });

  it('is never weakened anywhere in the main-process sources', () => {
    const weak = /nodeIntegration(InWorker|InSubFrames)?:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|allowRunningInsecureContent:\s*true|webviewTag:\s*true|enableRemoteModule|experimentalFeatures:\s*true/;
    expect(MAIN.filter((s) => weak.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  it("allows 'self' only (plus data: images and inline styles), no eval, no WASM", () => {
    const allowed: Record<string, string[]> = { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] };
    for (const [name, value] of CSP_DIRECTIVES) {
      for (const source of value.split(/\s+/)) {
        expect([...(allowed[name] ?? []), "'self'", "'none'"], `${name} ${source}`).toContain(source);
      }
    }
    expect(CSP_DIRECTIVES.map(([n]) => n)).toEqual(expect.arrayContaining(['default-src', 'script-src', 'object-src', 'base-uri', 'frame-ancestors']));
  });
});

describe('permissions', () => {
  it('denies every request, check and device permission, and is installed on the session', () => {
    const callback = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'pointerLock', 'openExternal', 'clipboard-sanitized-write', 'unknown']) {
      denyPermissionRequest({}, p, callback);
    }
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect(denyPermissionCheck()).toBe(false);
    expect(denyDevicePermission()).toBe(false);
    const security = read('src-main/shell/security.ts');
    for (const call of ['setPermissionRequestHandler(denyPermissionRequest)', 'setPermissionCheckHandler(denyPermissionCheck)', 'setDevicePermissionHandler(denyDevicePermission)']) {
      expect(security).toContain(call);
    }
    expect(read('src-main/shell/main.ts')).toContain('hardenSession(session.defaultSession)');
  });
});

describe('navigation and new windows', () => {
  it('hardens every webContents Electron creates', () => {
    const main = read('src-main/shell/main.ts');
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) =>\s*hardenWebContents\(contents/);
    const security = read('src-main/shell/security.ts');
    for (const event of ["'will-navigate'", "'will-frame-navigate'", "'will-redirect'", "'will-attach-webview'"]) expect(security).toContain(event);
    expect(security).toMatch(/setWindowOpenHandler\([\s\S]*return \{ action: 'deny' \};/);
  });
});

describe('shell.openExternal: only http(s) links the user clicked', () => {
  it('is called in one place, behind the window-open decision and a user activation', () => {
    const callers = MAIN.filter((s) => /openExternal\(/.test(s.text));
    expect(callers.map((s) => s.file)).toEqual(['src-main/shell/security.ts']);
    expect(callers[0]!.text).toMatch(/decision === 'external' && activation\.consume\(\)\) void shell\.openExternal\(url\)/);
    expect(callers[0]!.text).toMatch(/contents\.on\('input-event', \(_event, input\) => activation\.note\(input\.type\)\)/);
  });

  it('hands over only http(s) URLs without credentials', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTPS'),
        fc.domain(),
        fc.array(fc.constantFrom('docs', 'a b', '%2e%2e', '..', 'x?y=1', '#frag', '@'), { maxLength: 4 }),
        (scheme, host, path) => {
          expect(decideWindowOpen(`${scheme}://${host}/${path.join('/')}`, 'app://renderer')).toBe('external');
        },
      ),
      { numRuns: 100 },
    );
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/x', 'ms-msdt:/id', 'vscode://x', 'data:text/html,x', 'https://a:b@evil.example/']) {
      expect(decideWindowOpen(url, 'app://renderer'), url).toBe('deny');
    }
  });

  it('counts a click or key press once, for a few seconds; mouse moves and scrolls do not count', () => {
    let now = 0;
    const activation = createUserActivation(() => now);
    expect(activation.consume()).toBe(false);
    activation.note('mouseMove');
    activation.note('mouseWheel');
    activation.note('gestureScrollBegin');
    expect(activation.consume()).toBe(false);
    activation.note('mouseUp');
    now += 100;
    expect(activation.consume()).toBe(true);
    expect(activation.consume()).toBe(false);
    activation.note('keyDown');
    now += ACTIVATION_WINDOW_MS + 1;
    expect(activation.consume()).toBe(false);
    activation.note('rawKeyDown');
    now -= 10_000;
    expect(activation.consume()).toBe(false);
  });
});

describe('IPC: sender-frame validation on every message', () => {
  it('has exactly one inbound channel, registered through the checking relay', () => {
    const users = MAIN.filter((s) => /\bipcMain\b/.test(s.text)).map((s) => s.file);
    expect(users).toEqual(['src-main/shell/ipc.ts']);
    const ipc = read('src-main/shell/ipc.ts');
    expect([...ipc.matchAll(/ipcMain\.(\w+)\(/g)].map((m) => m[1])).toEqual(['handle']);
    expect(ipc).toMatch(/isTrusted: \(sender\) => isTrustedSender\(sender, deps\.trustPolicy\(\)\)/);
    expect(ipc).toMatch(/ipcMain\.handle\(CALL_CHANNEL, \(event, name: unknown, input: unknown\) => relay\(senderInfo\(event\), name, input\)\)/);
    expect(read('src-main/shell/call-relay.ts')).toMatch(/if \(!deps\.isTrusted\(sender\)\) \{/);
  });

  it('gives the page call/on only, never ipcRenderer', () => {
    const preload = read('src-main/preload/index.ts');
    expect([...preload.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(preload).toMatch(/createBridge\(ipcRenderer,/);
  });
});

describe('app:// instead of file://', () => {
  it('is registered without CSP bypass, CORS or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(read('src-main/shell/main.ts')).toContain('privileges: { ...APP_SCHEME_PRIVILEGES }');
    expect(MAIN.filter((s) => /loadFile\(|file:\/\/\//.test(s.text) && !s.file.endsWith('app-url.ts')).map((s) => s.file)).toEqual([]);
  });

  it('never resolves a path outside the renderer folder, whatever the URL', () => {
    const root = resolve('/srv/app/out/renderer');
    const segment = fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2f', '%5c', '\\', '', 'a', 'b.html', '%00', ':', 'C:', '%252e', '~', 'assets', '%c0%ae', '...');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '?x=1', '#a'), (segments, suffix) => {
        const r = resolveAppRequest(`app://renderer/${segments.join('/')}${suffix}`, root);
        if (r.ok) expect(r.filePath.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('answers GET only', () => {
    expect(read('src-main/shell/app-protocol.ts')).toMatch(/if \(request\.method !== 'GET'\) return plain\(405/);
  });
});
