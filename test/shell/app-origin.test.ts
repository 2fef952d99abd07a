import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appOrigin, isAppUrl, originOf, rendererUrl } from '../../src-main/shell/app-origin';

describe('originOf', () => {
  it.each([
    ['app://renderer/user.html', 'app://renderer'],
    ['app://Renderer/x', 'app://renderer'],
    ['http://localhost:5173/user.html', 'http://localhost:5173'],
    ['https://Example.com/a?b', 'https://example.com'],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each(['file:///etc/passwd', 'about:blank', 'data:text/html,hi', 'javascript:alert(1)', 'not a url', '', 'app://u:p@renderer/'])(
    'has none for %s',
    (url) => {
      expect(originOf(url)).toBeNull();
    },
  );

  it('has none for non-strings', () => {
    expect(originOf(undefined)).toBeNull();
    expect(originOf(null)).toBeNull();
    expect(originOf(42)).toBeNull();
  });
});

describe('appOrigin and rendererUrl', () => {
  it('uses app://renderer when built', () => {
    expect(appOrigin(undefined)).toBe(APP_ORIGIN);
    expect(appOrigin('')).toBe(APP_ORIGIN);
    expect(rendererUrl('user', undefined)).toBe('app://renderer/user.html');
    expect(rendererUrl('producer', undefined)).toBe('app://renderer/producer.html');
  });

  it('uses the dev server when one is given', () => {
    expect(appOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(rendererUrl('user', 'http://localhost:5173')).toBe('http://localhost:5173/user.html');
    expect(rendererUrl('producer', 'http://localhost:5173/')).toBe('http://localhost:5173/producer.html');
  });
});

describe('isAppUrl', () => {
  const origins = ['app://renderer'];
  it('accepts only the listed origins', () => {
    expect(isAppUrl('app://renderer/producer.html', origins)).toBe(true);
    expect(isAppUrl('app://renderer.evil.com/x', origins)).toBe(false);
    expect(isAppUrl('app://evil/x', origins)).toBe(false);
    expect(isAppUrl('http://localhost:5173/user.html', origins)).toBe(false);
    expect(isAppUrl('http://localhost:5173/user.html', ['http://localhost:5173'])).toBe(true);
    expect(isAppUrl('http://localhost:5174/user.html', ['http://localhost:5173'])).toBe(false);
    expect(isAppUrl(undefined, origins)).toBe(false);
  });
});
