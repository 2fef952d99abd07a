import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../src-main/shell/web-preferences';

describe('secureWebPreferences', () => {
  it('turns on the sandbox and isolation and turns off Node and webviews', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('refuses an ES-module preload, which a sandboxed renderer cannot load', () => {
    expect(() => secureWebPreferences('/app/out/preload/index.mjs')).toThrow(/CommonJS/);
    expect(() => secureWebPreferences('/app/out/preload/index.js')).toThrow(/CommonJS/);
  });

  it('returns a fresh object each time, so one window cannot alter another one\'s settings', () => {
    const a = secureWebPreferences('/p.cjs');
    expect(a).not.toBe(secureWebPreferences('/p.cjs'));
  });
});
