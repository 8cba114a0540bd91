import { AppConfig } from '@grants/config';
import { FastifyReply } from 'fastify';

/**
 * HttpOnly so scripts cannot read it; SameSite=Strict so other sites cannot ride on it (no CSRF tokens
 * needed). No Expires: the server slides and ends sessions itself, and a browser-session cookie never
 * outlives the server's idea of the session by a fixed date the sliding expiry has since moved.
 */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  void reply.setCookie(config.auth.cookieName, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.auth.cookieSecure,
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(config.auth.cookieName, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.auth.cookieSecure,
    path: '/',
  });
}
