import { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { markViewerDependent, sessionTokenFrom } from './session-token';

const TOKEN = 'q3Xb2m0d9fK4yJ8sW1eR7tY6uI5oP0aZcVbNm3lKj2h';

function request(headers: Record<string, string>, cookies: Record<string, string> = {}): FastifyRequest {
  return { headers, cookies } as unknown as FastifyRequest;
}

function reply(initial: Record<string, string> = {}): FastifyReply & { headers: Record<string, string> } {
  const headers: Record<string, string> = { ...initial };
  return {
    headers,
    getHeader: (name: string) => headers[name],
    header(name: string, value: string) {
      headers[name] = value;
      return this;
    },
  } as unknown as FastifyReply & { headers: Record<string, string> };
}

describe('sessionTokenFrom', () => {
  it('reads a bearer token, whatever the scheme case and trailing space', () => {
    expect(sessionTokenFrom(request({ authorization: `Bearer ${TOKEN}` }), 'c')).toBe(TOKEN);
    expect(sessionTokenFrom(request({ authorization: `bearer ${TOKEN}  ` }), 'c')).toBe(TOKEN);
  });

  it('reads the session cookie when there is no Authorization header', () => {
    expect(sessionTokenFrom(request({}, { c: TOKEN }), 'c')).toBe(TOKEN);
    expect(sessionTokenFrom(request({}, { other: TOKEN }), 'c')).toBeNull();
    expect(sessionTokenFrom(request({}, { c: '' }), 'c')).toBeNull();
  });

  it('does not fall back to the cookie when the Authorization header is not a bearer token', () => {
    expect(sessionTokenFrom(request({ authorization: 'Basic abc' }, { c: TOKEN }), 'c')).toBeNull();
    expect(sessionTokenFrom(request({ authorization: 'Bearer a b' }, { c: TOKEN }), 'c')).toBeNull();
  });
});

describe('markViewerDependent', () => {
  it('always varies on the session headers, keeping what Vary already said', () => {
    const r = reply({ vary: 'Origin' });
    markViewerDependent(request({}), r, 'c');
    expect(r.headers.vary).toBe('Origin, Authorization, Cookie');
    expect(r.headers['cache-control']).toBeUndefined();
  });

  it('makes the answer private and unstored when a session is presented', () => {
    const bearer = reply();
    markViewerDependent(request({ authorization: `Bearer ${TOKEN}` }), bearer, 'c');
    expect(bearer.headers['cache-control']).toBe('private, no-store');
    const cookie = reply({ vary: 'cookie' });
    markViewerDependent(request({}, { c: TOKEN }), cookie, 'c');
    expect(cookie.headers['cache-control']).toBe('private, no-store');
    expect(cookie.headers.vary).toBe('cookie, Authorization');
  });
});
