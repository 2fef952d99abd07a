import { describe, expect, it } from 'vitest';
import {
  MIN_TOKEN_LENGTH,
  bearerOf,
  callerOf,
  generatePageSession,
  generateToken,
  isAllowedHost,
  isLoopback,
  isSameOrigin,
  redactUrl,
  tokenProblem,
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

describe('callerOf', () => {
  const secrets = { token: T, pageSession: 'page-session-secret' };

  it('knows the host token from the Bearer header and the page session from its header or subprotocol', () => {
    expect(callerOf(secrets, { authorization: `Bearer ${T}` })).toBe('token');
    expect(callerOf(secrets, { session: 'page-session-secret' })).toBe('page');
    expect(callerOf(secrets, { protocols: 'infiniroute.events, infiniroute.session.page-session-secret' })).toBe('page');
  });

  it('never takes the page session as the token, nor the token as a page session', () => {
    expect(callerOf(secrets, { authorization: 'Bearer page-session-secret' })).toBeNull();
    expect(callerOf(secrets, { session: T })).toBeNull();
  });

  it('refuses wrong, missing and repeated credentials', () => {
    expect(callerOf(secrets, {})).toBeNull();
    expect(callerOf(secrets, { authorization: 'Bearer wrong' })).toBeNull();
    expect(callerOf(secrets, { session: 'wrong' })).toBeNull();
    expect(callerOf(secrets, { session: ['page-session-secret', 'page-session-secret'] })).toBeNull();
    expect(callerOf(secrets, { protocols: 'infiniroute.events' })).toBeNull();
  });
});

describe('tokenProblem', () => {
  it(`refuses tokens under ${MIN_TOKEN_LENGTH} characters, or with spaces and control characters`, () => {
    expect(tokenProblem('x'.repeat(MIN_TOKEN_LENGTH - 1))).toMatch(/at least 16 characters/);
    expect(tokenProblem('x'.repeat(MIN_TOKEN_LENGTH))).toBeNull();
    expect(tokenProblem('has a space in it here')).toMatch(/printable/);
    expect(tokenProblem(generateToken())).toBeNull();
  });
});

describe('isAllowedHost', () => {
  it('allows loopback names on the server port only', () => {
    for (const host of ['127.0.0.1:5317', 'localhost:5317', 'LOCALHOST:5317', '[::1]:5317', '127.1.2.3:5317']) expect(isAllowedHost(host, 5317), host).toBe(true);
    expect(isAllowedHost('localhost', 80)).toBe(true);
  });

  it('refuses other names (DNS rebinding), other ports and a missing Host', () => {
    for (const host of ['attacker.example:5317', 'localhost.attacker.example:5317', '127.0.0.1.nip.io:5317', '127.0.0.1:5318', 'localhost', '[::2]:5317', '', '127.0.0.1:5317 ']) {
      expect(isAllowedHost(host, 5317), host).toBe(false);
    }
    expect(isAllowedHost(undefined, 5317)).toBe(false);
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

describe('generateToken and generatePageSession', () => {
  it('make 256-bit, URL-safe, different secrets', () => {
    for (const make of [generateToken, generatePageSession]) {
      const a = make();
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(a, 'base64url')).toHaveLength(32);
      expect(a).not.toBe(make());
    }
  });
});
