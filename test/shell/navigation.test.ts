import { describe, expect, it } from 'vitest';
import { decideWindowOpen, isNavigationAllowed } from '../../src-main/shell/navigation';

describe('isNavigationAllowed', () => {
  it('keeps a window on the app origin', () => {
    const origins = ['app://renderer'];
    expect(isNavigationAllowed('app://renderer/producer.html', origins)).toBe(true);
    expect(isNavigationAllowed('app://renderer/user.html#/models', origins)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', origins)).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', origins)).toBe(false);
    expect(isNavigationAllowed('app://other/user.html', origins)).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)', origins)).toBe(false);
    expect(isNavigationAllowed('about:blank', origins)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  const app = 'app://renderer';
  it.each([
    ['app://renderer/producer.html', 'producer'],
    ['app://renderer/producer.html?tab=models#x', 'producer'],
    ['app://renderer/user.html', 'user'],
    ['app://RENDERER/user.html', 'user'],
    ['app://renderer/assets/x.js', 'deny'],
    ['app://renderer/', 'deny'],
    ['app://evil/producer.html', 'deny'],
    ['https://openrouter.ai/docs', 'external'],
    ['http://example.com/', 'external'],
    ['https://bank.example@evil.example/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['mailto:a@b.c', 'deny'],
    ['ms-msdt:/id PCWDiagnostic', 'deny'],
    ['smb://host/share', 'deny'],
    ['about:blank', 'deny'],
    ['not a url', 'deny'],
    ['', 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(decideWindowOpen(url, app)).toBe(decision);
  });

  it('recognises the app pages on the dev server in development', () => {
    const dev = 'http://localhost:5173';
    expect(decideWindowOpen('http://localhost:5173/producer.html', dev)).toBe('producer');
    expect(decideWindowOpen('http://localhost:5173/user.html', dev)).toBe('user');
    expect(decideWindowOpen('http://localhost:5173/@vite/client', dev)).toBe('deny');
    expect(decideWindowOpen('http://localhost:9999/producer.html', dev)).toBe('external');
  });
});
