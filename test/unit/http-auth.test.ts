import { describe, expect, it } from 'vitest';
import {
  TOKEN_COOKIE,
  bearerOf,
  cookieOf,
  generateToken,
  isAuthorized,
  isLoopback,
  isSameOrigin,
  redactUrl,
  tokensEqual,
} from '../../src-main/host/http-auth';

const T = 'secret-token-123';

describe('bearerOf', () => {
  it('reads the token of an Authorization: Bearer header, any case, any spacing', () => {
    expect(bearerOf(`Bearer ${T}`)).toBe(T);
    expect(bearerOf(`bearer   ${T}`)).toBe(T);
  });

  it.each([[undefined], [''], ['Bearer'], ['Bearer '], [`Basic ${T}`], [`Bearer ${T} extra`], [`xBearer ${T}`]])('finds no token in %j', (header) => {
    expect(bearerOf(header)).toBeNull();
  });
});

describe('tokensEqual', () => {
  it('is true only for the same token', () => {
    expect(tokensEqual(T, T)).toBe(true);
    expect(tokensEqual(T, `${T}x`)).toBe(false);
    expect(tokensEqual(T, T.slice(0, -1))).toBe(false);
    expect(tokensEqual(T, T.toUpperCase())).toBe(false);
    expect(tokensEqual(T, '')).toBe(false);
    expect(tokensEqual(T, null)).toBe(false);
    expect(tokensEqual(T, undefined)).toBe(false);
  });
});

describe('cookieOf', () => {
  it('finds a cookie among others, keeping = inside its value', () => {
    expect(cookieOf(`a=1; ${TOKEN_COOKIE}=${T}; b=2`, TOKEN_COOKIE)).toBe(T);
    expect(cookieOf(`${TOKEN_COOKIE}=x=y`, TOKEN_COOKIE)).toBe('x=y');
  });

  it('does not match a cookie whose name merely contains the name', () => {
    expect(cookieOf(`my_${TOKEN_COOKIE}=${T}`, TOKEN_COOKIE)).toBeNull();
    expect(cookieOf(`${TOKEN_COOKIE}x=${T}`, TOKEN_COOKIE)).toBeNull();
  });

  it('returns null without a header', () => {
    expect(cookieOf(undefined, TOKEN_COOKIE)).toBeNull();
    expect(cookieOf('', TOKEN_COOKIE)).toBeNull();
  });
});

describe('isAuthorized', () => {
  const bearer = { authorization: `Bearer ${T}`, url: '/rpc' };
  const query = { url: `/rpc?token=${T}` };
  const cookie = { cookie: `${TOKEN_COOKIE}=${T}`, url: '/assets/app.js' };

  it('rpc: accepts only the Bearer header', () => {
    expect(isAuthorized(T, bearer, 'rpc')).toBe(true);
    expect(isAuthorized(T, query, 'rpc')).toBe(false);
    expect(isAuthorized(T, cookie, 'rpc')).toBe(false);
    expect(isAuthorized(T, { authorization: 'Bearer wrong', url: '/rpc' }, 'rpc')).toBe(false);
    expect(isAuthorized(T, { url: '/rpc' }, 'rpc')).toBe(false);
  });

  it.each(['page', 'events'] as const)('%s: accepts the Bearer header, ?token= and the cookie', (kind) => {
    expect(isAuthorized(T, bearer, kind)).toBe(true);
    expect(isAuthorized(T, { url: `/user.html?x=1&token=${T}` }, kind)).toBe(true);
    expect(isAuthorized(T, cookie, kind)).toBe(true);
  });

  it.each(['page', 'events'] as const)('%s: refuses a wrong or missing token', (kind) => {
    expect(isAuthorized(T, { url: '/user.html' }, kind)).toBe(false);
    expect(isAuthorized(T, { url: '/user.html?token=wrong' }, kind)).toBe(false);
    expect(isAuthorized(T, { url: '/user.html?token=' }, kind)).toBe(false);
    expect(isAuthorized(T, { cookie: `${TOKEN_COOKIE}=wrong`, url: '/a.js' }, kind)).toBe(false);
    expect(isAuthorized(T, { cookie: `other=${T}`, url: '/a.js' }, kind)).toBe(false);
  });
});

describe('isSameOrigin', () => {
  it('allows requests without Origin (not from a page of another site)', () => {
    expect(isSameOrigin(undefined, '127.0.0.1:5317')).toBe(true);
  });

  it('allows an Origin whose host:port is the Host header', () => {
    expect(isSameOrigin('http://127.0.0.1:5317', '127.0.0.1:5317')).toBe(true);
  });

  it('refuses other hosts, other ports, opaque and malformed origins, and a missing Host', () => {
    expect(isSameOrigin('http://evil.example', '127.0.0.1:5317')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:5318', '127.0.0.1:5317')).toBe(false);
    expect(isSameOrigin('http://localhost:5317', '127.0.0.1:5317')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:5317')).toBe(false);
    expect(isSameOrigin('not a url', '127.0.0.1:5317')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:5317', undefined)).toBe(false);
  });
});

describe('isLoopback', () => {
  it('knows loopback hosts from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '127.0.0.1.evil.example']) expect(isLoopback(host)).toBe(false);
  });
});

describe('redactUrl', () => {
  it('cuts the token out of a URL, wherever it is in the query', () => {
    expect(redactUrl(`/user.html?token=${T}`)).toBe('/user.html?token=[redacted]');
    expect(redactUrl(`/user.html?a=1&token=${T}&b=2`)).toBe('/user.html?a=1&token=[redacted]&b=2');
    expect(redactUrl(`/events?token=${T}`)).not.toContain(T);
  });

  it('leaves URLs without a token alone', () => {
    expect(redactUrl('/assets/app.js?v=1')).toBe('/assets/app.js?v=1');
    expect(redactUrl('/x?mytoken=1')).toBe('/x?mytoken=1');
  });
});

describe('generateToken', () => {
  it('makes long, URL-safe, different tokens', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(a).not.toBe(b);
  });
});
