import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { adaptStylesheet, ASSETS_PREFIX, chooseEncoding, loadAssets } from './assets';
import { createRenderer } from './renderer';
import { findRepositoryRoot } from './repository-root';

/** The parts of the pages that need no database: the assets, the layout, escaping. */
describe('register pages: assets and layout', () => {
  const root = findRepositoryRoot();
  const assets = loadAssets(root);
  const renderer = createRenderer(root);
  const funder = {
    name: 'Police and Crime Commissioner for West Mercia',
    shortName: 'West Mercia PCC',
    website: 'https://www.westmercia-pcc.example',
    contactEmail: 'grants@westmercia-pcc.example',
    timeZone: 'Europe/London',
  };
  const layout = { funder, section: null, assetPath: assets.path, api: '/api/v1/register' };

  it('keeps every asset compressed both ways, to the same bytes', () => {
    for (const [name, asset] of assets.files) {
      expect(brotliDecompressSync(asset.br).equals(asset.body), name).toBe(true);
      expect(gunzipSync(asset.gzip).equals(asset.body), name).toBe(true);
      if (asset.body.length > 10_000) expect(asset.br.length, name).toBeLessThan(asset.body.length / 4);
    }
  });

  it('sends the best encoding the browser accepts, weights included', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding(',;q=x, ;')).toBeUndefined();
  });

  it('serves govuk-frontend without GOV.UK’s typeface, with its URLs under the versioned path', () => {
    const css = assets.files.get('govuk-frontend.min.css')!.body.toString('utf8');
    expect(css.length).toBeGreaterThan(50_000);
    expect(css).not.toMatch(/GDS Transport|@font-face/);
    expect(css).toMatch(/font-family:arial,sans-serif/);
    expect(css).not.toMatch(/url\(["']?\/assets\//);
    expect(assets.path).toMatch(new RegExp(`^${ASSETS_PREFIX}/[0-9a-f]{10}$`));
    expect([...assets.files.keys()].sort()).toEqual([
      'govuk-frontend.min.css',
      'govuk-frontend.min.js',
      'register.mjs',
      'session-timeout.mjs',
    ]);
    expect(assets.files.get('govuk-frontend.min.js')!.body.toString('utf8')).not.toContain(
      'sourceMappingURL',
    );
    expect(adaptStylesheet('a{background:url("/assets/images/x.svg")}', '/p/1')).toBe(
      'a{background:url("/p/1/images/x.svg")}',
    );
  });

  it('renders the layout with no inline script, in en-GB, with the service and funder named', () => {
    const html = renderer.render('not-found.njk', { ...layout, title: 'Page not found' });
    expect(html).toContain('<html lang="en-GB"');
    expect(html).toContain('<title>Page not found – Grants register – West Mercia PCC</title>');
    expect(html).toContain('href="#main-content"');
    expect(html).toContain('Grants register');
    expect(html).toContain('mailto:grants@westmercia-pcc.example');
    // The CSP allows scripts from 'self' only: every <script> must have a src.
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      `<script type="module" src="${assets.path}/register.mjs">`,
    ]);
    // Not GOV.UK: no crown, no Crown copyright.
    expect(html).not.toMatch(/govuk-header__logotype|govuk-footer__crown|Crown copyright/);
  });

  it('escapes everything it is given', () => {
    const html = renderer.render('problem.njk', {
      ...layout,
      funder: { ...funder, contactEmail: '"><script>alert(1)</script>' },
      title: '<img src=x onerror=alert(1)>',
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
