import { DomainError, ErrorCode } from '@grants/common';
import { RegisterEntry, RegisterQueries, RegisterTombstone } from '@grants/register';
import { Assets } from './assets';
import { apiQuery, filtersQuery, FormError, parseFilters } from './filters-form';
import { FunderView, PageData } from './page-data';

/** A page to send: the view, what it shows, and the status that goes with it. */
export interface PageResult {
  status: number;
  view: string;
  context: Record<string, unknown>;
}

export type Section = 'grants' | 'decisions' | 'outcomes' | 'publications' | null;

/** Where the open data lives: the pages link there and never serve it themselves. */
export const API = '/api/v1/register';
export const PAGE_SIZE = 50;

const GRANT_ID_RE = /^360G-[A-Za-z0-9-]{1,150}$/;
const DECISION_CURSOR_MAX = 200;

/** Shown while the database cannot be reached, so even the error page has a header and footer. */
const UNKNOWN_FUNDER: FunderView = {
  name: '',
  shortName: 'Grants register',
  website: '/register',
  contactEmail: '',
  timeZone: 'Europe/London',
};

/**
 * The register's pages, as data for the views. Each method reads what its page shows and says what to
 * render and with what status; mount.ts sends it. Nothing here writes.
 */
export class RegisterPages {
  /** The funder from the last page that could read it: the error page shows it if the database is gone. */
  private lastFunder: FunderView = UNKNOWN_FUNDER;

  constructor(
    private readonly queries: RegisterQueries,
    private readonly data: PageData,
    private readonly assets: Assets,
  ) {}

  /** GET /register: the filter form, a page of grants, the Next link, the downloads. */
  async list(query: unknown): Promise<PageResult> {
    const options = await this.data.filterOptions();
    const form = parseFilters(query, options.choices);
    let items: RegisterEntry[] = [];
    let nextCursor: string | null = null;
    const errors: FormError[] = [...form.errors];
    if (errors.length === 0) {
      try {
        const page = await this.queries.page({ ...form.filters, limit: PAGE_SIZE });
        items = page.items.map((text) => JSON.parse(text) as RegisterEntry);
        nextCursor = page.nextCursor;
      } catch (error) {
        // The parser checks everything the query does; this is for a rule added there later.
        if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
        errors.push(...error.fieldErrors.map((e) => ({ field: 'cursor' as const, text: e.message })));
      }
    }
    return this.page(errors.length ? 400 : 200, 'list.njk', 'grants', {
      title: 'Grants awarded',
      form,
      errors,
      // Each field's message beside it, in the shape govukInput and govukSelect take.
      fieldErrors: Object.fromEntries(errors.filter((e) => e.href).map((e) => [e.field, { text: e.text }])),
      options,
      items,
      pageSize: PAGE_SIZE,
      firstPageHref: `/register${filtersQuery(form.values)}`,
      nextHref: nextCursor ? `/register${filtersQuery(form.values, { cursor: nextCursor })}` : null,
      resultsJsonHref: `${API}/grants${apiQuery(form.filters)}`,
    });
  }

  /** GET /register/grants/:id: everything published about one grant, or why it was withdrawn. */
  async grant(id: string): Promise<PageResult> {
    if (!GRANT_ID_RE.test(id)) return this.notFound();
    const found = await this.queries.entry(id);
    if (!found) return this.notFound();
    const entry = JSON.parse(found.entry) as RegisterEntry | RegisterTombstone;
    const history = JSON.parse(found.history) as unknown[];
    const jsonHref = `${API}/grants/${encodeURIComponent(id)}`;
    if (entry.status === 'withdrawn') {
      return this.page(200, 'withdrawn.njk', 'grants', {
        title: `Withdrawn grant ${entry.id}`,
        entry,
        history,
        jsonHref,
      });
    }
    return this.page(200, 'grant.njk', 'grants', { title: entry.title, entry, history, jsonHref });
  }

  /** GET /register/decisions: published decisions, awards and refusals, newest first. */
  async decisions(query: unknown): Promise<PageResult> {
    const raw = (query !== null && typeof query === 'object' ? query : {}) as Record<string, unknown>;
    const given = Array.isArray(raw.cursor) ? (raw.cursor as unknown[])[0] : raw.cursor;
    const cursor = typeof given === 'string' && given !== '' ? given : undefined;
    const invalid = (): Promise<PageResult> =>
      this.page(400, 'decisions.njk', 'decisions', {
        title: 'Published decisions',
        errors: [
          { text: 'The link to this page of decisions is not valid: start again from the first page' },
        ],
        items: [],
        nextHref: null,
        cursor,
      });
    if (cursor !== undefined && (cursor.length > DECISION_CURSOR_MAX || cursor.includes('\u0000')))
      return invalid();
    try {
      const page = await this.queries.decisions(PAGE_SIZE, cursor);
      return this.page(200, 'decisions.njk', 'decisions', {
        title: 'Published decisions',
        errors: [],
        items: page.items,
        cursor,
        nextHref: page.nextCursor
          ? `/register/decisions?${new URLSearchParams({ cursor: page.nextCursor })}`
          : null,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.ValidationFailed) return invalid();
      throw error;
    }
  }

  /** GET /register/publications: the statutory monthly updates and their files. */
  async publications(): Promise<PageResult> {
    const items = (await this.queries.publications()).map((p) => ({
      ...p,
      fileHref: p.added + p.changed > 0 ? `${API}/publications/${p.month}` : null,
    }));
    return this.page(200, 'publications.njk', 'publications', { title: 'Monthly publications', items });
  }

  async outcomes(): Promise<PageResult> {
    const { objectives } = await this.queries.outcomes();
    return this.page(200, 'outcomes.njk', 'outcomes', { title: 'Outcomes', objectives });
  }

  async notFound(): Promise<PageResult> {
    return this.page(404, 'not-found.njk', null, { title: 'Page not found' });
  }

  /** The GOV.UK "there is a problem with the service" page; it must render with the database gone. */
  failed(): PageResult {
    return {
      status: 500,
      view: 'problem.njk',
      context: this.layout(this.lastFunder, null, { title: 'Sorry, there is a problem with the service' }),
    };
  }

  private async page(
    status: number,
    view: string,
    section: Section,
    context: Record<string, unknown>,
  ): Promise<PageResult> {
    const funder = await this.data.funder();
    this.lastFunder = funder;
    return { status, view, context: this.layout(funder, section, context) };
  }

  /** What the layout needs on every page: the funder, the section for the navigation, asset and API paths. */
  private layout(
    funder: FunderView,
    section: Section,
    context: Record<string, unknown>,
  ): Record<string, unknown> {
    return { ...context, funder, section, assetPath: this.assets.path, api: API };
  }
}
