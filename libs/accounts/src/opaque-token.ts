import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, no padding. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** Given to the client once; never stored. */
  token: string;
  /** What the database keeps. */
  hash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function issueToken(): IssuedToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Cheap shape check, so junk never costs a database round trip. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_RE.test(value);
}
