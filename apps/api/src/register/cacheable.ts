import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';

/** How long browsers and shared caches may reuse a register answer before asking again. */
export const REGISTER_MAX_AGE_SECONDS = 60;

export function cacheControl(maxAge = REGISTER_MAX_AGE_SECONDS): string {
  return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge}`;
}

/** True when the caller's If-None-Match already names this ETag (RFC 9110 weak comparison). */
export function notModified(req: FastifyRequest, etag: string): boolean {
  const given = req.headers['if-none-match'];
  if (!given) return false;
  const bare = (t: string): string => t.trim().replace(/^W\//, '');
  return given.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** An ETag made from the body itself, so it is right whatever changed. */
export function bodyEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Sends a public JSON body with its ETag, and a 304 with no body when the caller already has it. */
export function sendCacheableJson(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  etag = bodyEtag(body),
): string {
  void reply.header('etag', etag).header('cache-control', cacheControl()).header('vary', 'accept-encoding');
  if (notModified(req, etag)) {
    void reply.status(304);
    return '';
  }
  void reply.type('application/json; charset=utf-8');
  return body;
}
