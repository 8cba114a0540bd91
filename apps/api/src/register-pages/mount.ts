import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProfileService } from '@grants/profile';
import { RegisterQueries } from '@grants/register';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Assets, loadAssets, registerAssetRoutes } from './assets';
import { PageData } from './page-data';
import { PageResult, RegisterPages } from './pages';
import { createRenderer, Renderer } from './renderer';
import { findRepositoryRoot } from './repository-root';

/** Register pages may be cached briefly, like the register's JSON (see register/cacheable.ts). */
const PAGE_CACHE = 'public, max-age=60';

type Handler = (request: FastifyRequest) => Promise<PageResult>;

/**
 * The public register's web pages. They live beside the Nest app, straight on Fastify, because the
 * Nest global prefix (api/v1) is for the API and these are pages for people at /register. They read
 * through the same RegisterQueries as the JSON API, so the two cannot disagree.
 */
/** Returns the assets it serves, which the portal's pages share. */
export function mountRegisterPages(app: NestFastifyApplication): Assets {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const root = findRepositoryRoot();
  const renderer = createRenderer(root);
  const assets = loadAssets(root);
  const queries = app.get(RegisterQueries);
  const data = new PageData(app.get(ProfileService), queries, app.get(DataSource));
  const pages = new RegisterPages(queries, data, assets);
  const logger = new Logger('RegisterPages');

  registerAssetRoutes(fastify, assets);
  const page = (url: string, handler: Handler): void => {
    const respond = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
      send(request, reply, handler, pages, renderer, logger);
    fastify.get(url, {
      // The API's input check (http/input-limits.ts) answers a NUL in the query with problem+json. A
      // person should get the page with a GOV.UK error instead, and the pages check for NUL themselves,
      // so such a request is answered here, before that check runs.
      onRequest: (request, reply, done) => {
        if (!hasNul(request.query)) return done();
        void respond(request, reply);
      },
      handler: respond,
    });
  };

  page('/register', (r) => pages.list(r.query));
  page('/register/grants/:id', (r) => pages.grant((r.params as { id: string }).id));
  page('/register/decisions', (r) => pages.decisions(r.query));
  page('/register/outcomes', () => pages.outcomes());
  page('/register/publications', () => pages.publications());
  // Anything else under /register is a page that does not exist: an HTML 404, not the API's JSON one.
  page('/register/*', () => pages.notFound());
  return assets;
}

async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  handler: Handler,
  pages: RegisterPages,
  renderer: Renderer,
  logger: Logger,
): Promise<FastifyReply> {
  let result: PageResult;
  let html: string;
  try {
    result = await handler(request);
    html = renderer.render(result.view, result.context);
  } catch (error) {
    logger.error(
      `register page ${request.url.split('?')[0]} failed: ${String(error)}`,
      (error as Error)?.stack,
    );
    result = pages.failed();
    try {
      html = renderer.render(result.view, result.context);
    } catch {
      html =
        '<!DOCTYPE html><html lang="en-GB"><title>Sorry, there is a problem with the service</title>' +
        '<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></html>';
    }
  }
  return reply
    .code(result.status)
    .header('cache-control', result.status >= 500 ? 'no-store' : PAGE_CACHE)
    .type('text/html; charset=utf-8')
    .send(html);
}

/** True when any query value (or key) carries U+0000. */
function hasNul(query: unknown): boolean {
  if (query === null || typeof query !== 'object') return false;
  return Object.entries(query).some(
    ([k, v]) =>
      k.includes('\u0000') || (Array.isArray(v) ? v : [v]).some((x) => String(x).includes('\u0000')),
  );
}
