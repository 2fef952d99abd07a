import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderInfo } from '../../src-main/shell/ipc-guard';

const policy = { origins: ['app://renderer'], windowIds: new Set([3, 7]) };
const ok: SenderInfo = { frameUrl: 'app://renderer/user.html', isMainFrame: true, webContentsId: 3 };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window on an app page', () => {
    expect(isTrustedSender(ok, policy)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: 'app://renderer/producer.html', webContentsId: 7 }, policy)).toBe(true);
  });

  it('refuses a window the shell did not create', () => {
    expect(isTrustedSender({ ...ok, webContentsId: 4 }, policy)).toBe(false);
  });

  it('refuses subframes', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false }, policy)).toBe(false);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['another app host', 'app://evil/user.html'],
    ['file', 'file:///tmp/x.html'],
    ['about:blank', 'about:blank'],
    ['dev server when built', 'http://localhost:5173/user.html'],
    ['a destroyed frame', null],
    ['an unknown frame', undefined],
  ])('refuses %s', (_label, frameUrl) => {
    expect(isTrustedSender({ ...ok, frameUrl }, policy)).toBe(false);
  });

  it('trusts the dev server only when it is the policy origin', () => {
    const dev = { origins: ['http://localhost:5173'], windowIds: new Set([3]) };
    expect(isTrustedSender({ ...ok, frameUrl: 'http://localhost:5173/user.html' }, dev)).toBe(true);
    expect(isTrustedSender(ok, dev)).toBe(false);
  });
});
