import { existsSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { PRESENTERS } from './presenters';
import { GOVUK_DIST_DIR, VIEWS_DIR } from './repository-root';

export interface Renderer {
  render(view: string, context: object): string;
}

/**
 * govuk/template.njk starts the body with a one-line inline script that adds `js-enabled`. This
 * service's CSP (script-src 'self', no nonce) refuses it, and the refusal would be logged in every
 * visitor's console, so it is taken out; the served register.mjs adds the same classes instead.
 */
const TEMPLATE_INLINE_SCRIPT = /<script>document\.body\.className\s*\+=[^<]*<\/script>/;

/**
 * Nunjucks over our views and govuk-frontend's (so `{% from "govuk/components/..." %}` works), with
 * autoescaping on: everything on these pages came from the register, the query string or a form, and
 * none of it may become markup. The portal's pages use the same renderer over their own views. Templates are read once and cached (noCache false, no watching).
 */
export function createRenderer(
  root: string,
  viewsDir: string = VIEWS_DIR,
  filters: Record<string, (...args: never[]) => unknown> = {},
): Renderer {
  const views = join(root, viewsDir);
  const govuk = join(root, GOVUK_DIST_DIR);
  if (!existsSync(join(govuk, 'govuk', 'template.njk'))) {
    throw new Error(`govuk-frontend's templates are not at ${govuk}: run npm ci`);
  }
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([views, govuk], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  for (const [name, filter] of Object.entries({ ...PRESENTERS, ...filters })) {
    env.addFilter(name, filter as (...args: unknown[]) => unknown);
  }
  return {
    render(view, context) {
      return env.render(view, context).replace(TEMPLATE_INLINE_SCRIPT, '');
    },
  };
}
