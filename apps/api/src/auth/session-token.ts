import { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session token a request presents: `Authorization: Bearer <token>` (API clients) or the session
 * cookie (browsers). An Authorization header that is there but not a bearer token counts as none; it
 * does not fall back to the cookie, so a client never signs in as someone other than it said.
 */
export function sessionTokenFrom(request: FastifyRequest, cookieName: string): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
  }
  const cookie = (request as { cookies?: Record<string, string | undefined> }).cookies?.[cookieName];
  return typeof cookie === 'string' && cookie.length > 0 ? cookie : null;
}

/** Adds fields to the Vary header, keeping whatever is already there (CORS adds Origin). */
function addVary(reply: FastifyReply, fields: readonly string[]): void {
  const current = reply.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const known = new Set(listed.map((f) => f.toLowerCase()));
  for (const f of fields) if (!known.has(f.toLowerCase())) listed.push(f);
  void reply.header('vary', listed.join(', '));
}

/**
 * For public routes. Some answer officers differently from the public (rounds and plans still being set
 * up), and a browser's cookie is not something shared caches refuse to store: a response to anyone
 * presenting a session must never be stored by a cache and replayed to someone else, and every public
 * answer says it depends on those headers.
 */
export function markViewerDependent(request: FastifyRequest, reply: FastifyReply, cookieName: string): void {
  addVary(reply, ['Authorization', 'Cookie']);
  if (sessionTokenFrom(request, cookieName) !== null) void reply.header('cache-control', 'private, no-store');
}
