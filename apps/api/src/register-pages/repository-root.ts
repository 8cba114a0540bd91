import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the page templates live, relative to the repository root (the Dockerfile copies this folder). */
export const VIEWS_DIR = 'apps/api/src/register-pages/views';
/** govuk-frontend's built files: its templates are imported as "govuk/...", its CSS and JS are served. */
export const GOVUK_DIST_DIR = 'node_modules/govuk-frontend/dist';

/**
 * The directory holding package.json (and the views), walking up from `from`. The views are found from
 * there because `npm run build` compiles to dist/ without copying .njk files: the same lookup works from
 * apps/api/src (tests), dist/apps/api/src (`npm start`) and the container (/app). Checking for the views
 * too means a package.json that tsc might one day copy into dist/ cannot stop the walk early.
 */
export function findRepositoryRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, VIEWS_DIR))) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`No package.json with ${VIEWS_DIR} above ${from}: cannot find the register's pages`);
    }
  }
}
