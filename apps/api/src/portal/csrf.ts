import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that holds this browser's form token; the same value rides in every form as `_csrf`. */
export const CSRF_COOKIE = 'grants_csrf';
export const CSRF_FIELD = '_csrf';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: a fresh browser's form token. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The cookie's token if it is one this service could have issued, else undefined (and a new one is set). */
export function usableCsrfToken(cookie: string | undefined): string | undefined {
  return cookie !== undefined && TOKEN.test(cookie) ? cookie : undefined;
}

/**
 * Double submit: the cookie is HttpOnly and SameSite=Strict, so another site can neither read it nor send
 * it, and a form another site makes cannot carry the matching value. Compared in constant time.
 */
export function csrfMatches(cookie: string | undefined, posted: string): boolean {
  const token = usableCsrfToken(cookie);
  if (!token || posted.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(token), Buffer.from(posted));
}
