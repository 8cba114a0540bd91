import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { FastifyInstance } from 'fastify';
import { GOVUK_DIST_DIR } from './repository-root';

/** Where the pages' CSS and JS are served; the version segment changes whenever their bytes do. */
export const ASSETS_PREFIX = '/register/assets';

/**
 * Started from the served page, not inline (the CSP allows scripts from 'self' only). It does what
 * govuk/template.njk's inline script would, then starts govuk-frontend's components (the error summary's
 * focus, the skip link, the navigation toggle). Everything works without it.
 */
const REGISTER_SCRIPT = `import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
`;

/** The portal's session timeout warning (signed-in pages only). */
const SESSION_TIMEOUT_SCRIPT = 'apps/api/src/portal/assets/session-timeout.mjs';

export interface Asset {
  body: Buffer;
  /** The same bytes compressed once at boot: pages must stay light on a slow phone's connection. */
  br: Buffer;
  gzip: Buffer;
  contentType: string;
}

function asset(text: string, contentType: string): Asset {
  const body = Buffer.from(text);
  return {
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
    contentType,
  };
}

/** The best encoding the browser accepts of the two the assets are kept in, or none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    offered.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string): number => offered.get(name) ?? (offered.has('*') ? offered.get('*')! : 0);
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

export interface Assets {
  /** A hash of every file's bytes: part of each URL, so a year-long cache is never stale. */
  version: string;
  /** The URL folder the pages link to, e.g. /register/assets/3f2a9c01de. */
  path: string;
  files: ReadonlyMap<string, Asset>;
}

/**
 * govuk-frontend's CSS, made fit for a service that is not on GOV.UK. GOV.UK's brand (its GDS Transport
 * typeface, its crown) is for GOV.UK alone, so the @font-face rules go and the text falls back to the
 * stylesheet's own Arial; the Design System's generic header and a footer without the crown stand in
 * for GOV.UK's. The stylesheet's absolute /assets/ URLs are pointed at where the assets are served.
 */
export function adaptStylesheet(css: string, path: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*\}/g, '')
    .replace(/"?GDS Transport"?\s*,\s*/g, '')
    .replace(/url\(\s*(["']?)\/assets\//g, `url($1${path}/`);
}

/** Builds the allow-list once, at boot: nothing is read from disk per request, so no path can escape it. */
export function loadAssets(root: string): Assets {
  const dist = join(root, GOVUK_DIST_DIR, 'govuk');
  const css = readFileSync(join(dist, 'govuk-frontend.min.css'), 'utf8');
  // The source map is not served, so the comment pointing at it would only earn a 404 in devtools.
  const js = readFileSync(join(dist, 'govuk-frontend.min.js'), 'utf8').replace(
    /\/\/# sourceMappingURL=\S+\s*$/,
    '',
  );
  const sessionTimeout = readFileSync(join(root, SESSION_TIMEOUT_SCRIPT), 'utf8');
  const version = createHash('sha256')
    .update(css)
    .update(js)
    .update(REGISTER_SCRIPT)
    .update(sessionTimeout)
    .digest('hex')
    .slice(0, 10);
  const path = `${ASSETS_PREFIX}/${version}`;
  const files = new Map<string, Asset>([
    ['govuk-frontend.min.css', asset(adaptStylesheet(css, path), 'text/css; charset=utf-8')],
    ['govuk-frontend.min.js', asset(js, 'text/javascript; charset=utf-8')],
    ['register.mjs', asset(REGISTER_SCRIPT, 'text/javascript; charset=utf-8')],
    ['session-timeout.mjs', asset(sessionTimeout, 'text/javascript; charset=utf-8')],
  ]);
  return { version, path, files };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GET /register/assets/:version/:name from the allow-list. Any other version or name is a plain 404:
 * an old version's URL is asked for only by a page cached from before a deploy, and its styles are gone.
 */
export function registerAssetRoutes(fastify: FastifyInstance, assets: Assets): void {
  fastify.get<{ Params: { version: string; name: string } }>(
    `${ASSETS_PREFIX}/:version/:name`,
    async (request, reply) => {
      const asset =
        request.params.version === assets.version ? assets.files.get(request.params.name) : undefined;
      if (!asset) {
        return reply
          .code(404)
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send('Not found');
      }
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      void reply.header('cache-control', IMMUTABLE).header('vary', 'accept-encoding').type(asset.contentType);
      if (!encoding) return reply.send(asset.body);
      return reply.header('content-encoding', encoding).send(asset[encoding]);
    },
  );
}
