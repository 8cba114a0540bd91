import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, isOfficer, SignInService } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { ProfileService } from '@grants/profile';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Assets } from '../register-pages/assets';
import { createRenderer } from '../register-pages/renderer';
import { findRepositoryRoot } from '../register-pages/repository-root';
import { FormProblem } from './account-forms';
import { CSRF_COOKIE, CSRF_FIELD, csrfMatches, newCsrfToken, usableCsrfToken } from './csrf';
import { field, FormBody, PORTAL_PREFIX } from './form-body';
import { PORTAL_FILTERS } from './portal-filters';

/** The portal's templates, beside govuk-frontend's and the register's (for the shared page furniture). */
export const PORTAL_VIEWS_DIR = 'apps/api/src/portal/views';

export interface Page {
  status?: number;
  view: string;
  context: Record<string, unknown>;
}

export interface Visit {
  request: FastifyRequest;
  reply: FastifyReply;
  user: AuthUser | null;
  csrf: string;
  body: FormBody | undefined;
}

/** A visit by someone signed in: the pages that need an account see it typed so. */
export interface SignedInVisit extends Visit {
  user: AuthUser;
}

type Handler = (visit: Visit) => Promise<Page | FastifyReply>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFound = (): Page => ({
  status: 404,
  view: 'not-found.njk',
  context: { title: 'Page not found' },
});

/** A GOV.UK error summary's list: each problem links to its field. */
export const errorList = (problems: FormProblem[]): { text: string; href: string }[] =>
  problems.map((p) => ({ text: p.message, href: `#${p.field}` }));

export const fieldErrors = (problems: FormProblem[]): Record<string, { text: string }> =>
  Object.fromEntries(problems.map((p) => [p.field, { text: p.message }]));

export const redirect = (reply: FastifyReply, to: string): FastifyReply =>
  reply.code(303).header('cache-control', 'no-store').redirect(to, 303);

const isFormPost = (request: FastifyRequest): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(request.headers['content-type'] ?? '');

/** The service said no to something the page offered (a closed round, a finished application). */
export const isRefusal = (error: unknown): error is DomainError =>
  error instanceof DomainError && error.code !== ErrorCode.ServiceUnavailable;

/** A read that answers 404 or 403 for this person (at this stage) is simply not shown. */
export async function unlessRefused<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DomainError && [ErrorCode.NotFound, ErrorCode.Forbidden].includes(error.code))
      return null;
    throw error;
  }
}

/**
 * Every portal page goes through here: the form token checked on each POST, the session read, a page
 * that needs an account sending anyone else to sign in, and the page rendered with the furniture every
 * template shares. Every page is personal, so none is cached.
 */
export class PortalRouter {
  private readonly fastify: FastifyInstance;
  private readonly config: AppConfig;
  private readonly renderer;
  private readonly signIn: SignInService;
  private readonly profile: ProfileService;
  private readonly logger = new Logger('Portal');

  constructor(
    app: NestFastifyApplication,
    private readonly assets: Assets,
  ) {
    this.fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    this.config = app.get<AppConfig>(APP_CONFIG);
    this.renderer = createRenderer(findRepositoryRoot(), PORTAL_VIEWS_DIR, PORTAL_FILTERS);
    this.signIn = app.get(SignInService);
    this.profile = app.get(ProfileService);
  }

  /** A page anyone may see. */
  open(method: 'GET' | 'POST', url: string, handler: Handler): void {
    this.add(method, url, handler, false);
  }

  /** A page for a signed-in person only; anyone else is sent to sign in and brought back. */
  signedIn(
    method: 'GET' | 'POST',
    url: string,
    handler: (visit: SignedInVisit) => Promise<Page | FastifyReply>,
  ): void {
    this.add(method, url, (visit) => handler(visit as SignedInVisit), true);
  }

  /** Every other path under the portal: the 404 page, with the furniture. */
  fallback(): void {
    this.fastify.route({
      method: ['GET', 'POST'],
      url: `${PORTAL_PREFIX}/*`,
      handler: (request, reply) => this.respond(request, reply, async () => notFound(), false),
    });
  }

  private add(method: 'GET' | 'POST', url: string, handler: Handler, signedIn: boolean): void {
    this.fastify.route({
      method,
      url: `${PORTAL_PREFIX}${url}`,
      handler: (request, reply) => this.respond(request, reply, handler, signedIn),
    });
  }

  private async respond(
    request: FastifyRequest,
    reply: FastifyReply,
    handler: Handler,
    signedIn: boolean,
  ): Promise<FastifyReply> {
    const cookies = request.cookies ?? {};
    let csrf = usableCsrfToken(cookies[CSRF_COOKIE]);
    if (!csrf) {
      csrf = newCsrfToken();
      void reply.setCookie(CSRF_COOKIE, csrf, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.auth.cookieSecure,
        path: PORTAL_PREFIX,
      });
    }
    // Only a form the portal's own parsers read is a FormBody (form-body.ts, upload-form.ts): any other body Fastify parses
    // (JSON, whose values may be objects) is no form at all, so it fails the token check like a stale one.
    const body =
      request.method === 'POST' && isFormPost(request) ? (request.body as FormBody | undefined) : undefined;
    let page: Page | FastifyReply;
    let user: AuthUser | null = null;
    try {
      const token = cookies[this.config.auth.cookieName];
      user = token ? await this.signIn.authenticate(token) : null;
      if (request.method === 'POST' && !csrfMatches(cookies[CSRF_COOKIE], field(body, CSRF_FIELD))) {
        page = { status: 403, view: 'form-expired.njk', context: { title: 'This form has expired' } };
      } else if (signedIn && !user) {
        const next = encodeURIComponent(request.url);
        return redirect(reply, `${PORTAL_PREFIX}/sign-in?next=${next}`);
      } else {
        page = await handler({ request, reply, user, csrf, body });
      }
    } catch (error) {
      this.logger.error(
        `portal page ${request.url.split('?')[0]} failed: ${String(error)}`,
        (error as Error)?.stack,
      );
      page = {
        status: 500,
        view: 'problem.njk',
        context: { title: 'Sorry, there is a problem with the service' },
      };
    }
    if (!('view' in page)) return page;
    const funder = await this.profile.funder().catch(() => ({
      name: '',
      shortName: 'Community Safety Fund',
      website: '/',
      timeZone: 'Europe/London',
    }));
    const html = this.renderer.render(page.view, {
      ...page.context,
      funder,
      assetPath: this.assets.path,
      csrfField: CSRF_FIELD,
      csrf,
      signedInAs: user,
      // Each page extends the session by its whole length (sessions.service.ts), so this is its time left.
      sessionSeconds: this.config.auth.sessionTtlHours * 3600,
      staff: user !== null && isOfficer(user),
    });
    return reply
      .code(page.status ?? 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  }
}
