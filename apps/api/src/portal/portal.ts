import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  BAD_CREDENTIALS,
  ClientInfo,
  isOfficer,
  PasswordsService,
  RegistrationService,
  SignInService,
} from '@grants/accounts';
import { ApplicationQueries } from '@grants/applications';
import { AwardQueries } from '@grants/awards';
import { Clock, DomainError, ErrorCode, formatPence } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { FundsService } from '@grants/funds';
import { MonitoringReportsService } from '@grants/monitoring';
import { InvitationsService, OrganisationsService } from '@grants/organisations';
import { PlansService } from '@grants/plans';
import { BreakdownRow, FundYearReportsService } from '@grants/reporting';
import { ProfileService } from '@grants/profile';
import { RoundsService } from '@grants/rounds';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookie, setSessionCookie } from '../accounts/session-cookie';
import { Assets } from '../register-pages/assets';
import {
  checkCreateAccount,
  checkNewPassword,
  checkResetRequest,
  checkSignIn,
  FormProblem,
} from './account-forms';
import { field, PORTAL_PREFIX } from './form-body';
import { renderBarChart, type BarChart } from './bar-chart';
import { OfficerHome } from './officer-home';
import { checkOrganisation, LEGAL_FORM_CHOICES, organisationProblems } from './organisation-form';
import { mountApplicationPages } from './application-pages';
import { mountCasePages } from './case-pages';
import { mountAwardPages } from './award-pages';
import { mountAwardChangesPages } from './award-changes-pages';
import { mountEmailPages } from './email-pages';
import { mountOversightPages } from './oversight-pages';
import { mountAdminPages } from './admin-pages';
import { mountAdminFundPages } from './admin-fund-pages';
import { mountAdminRoundPages } from './admin-round-pages';
import { mountAdminPlanPages } from './admin-plan-pages';
import {
  errorList,
  fieldErrors,
  notFound,
  Page,
  PortalRouter,
  redirect,
  unlessRefused,
  UUID,
  Visit,
} from './portal-router';

/** The fund-year report's breakdowns that are drawn, in page order. */
const FUND_YEAR_CHARTS = [
  { key: 'byArea', title: 'By local authority area' },
  { key: 'byPartnership', title: 'By Community Safety Partnership' },
  { key: 'byObjective', title: 'By plan objective' },
] as const;

/** One colour per fund year, from the GOV.UK palette, each over 3:1 against white. */
const YEAR_COLOURS = ['#1d70b8', '#00703c', '#4c2c92', '#d4351c', '#d53880', '#003078', '#505a5f'];

/** Committed beside paid for each row: GOV.UK blue and green, both over 3:1 against white. */
function moneyChart(title: string, rows: BreakdownRow[]): BarChart {
  return {
    title,
    series: [
      { name: 'Committed', colour: '#1d70b8' },
      { name: 'Paid', colour: '#00703c' },
    ],
    rows: rows.map((r) => ({ label: r.label, values: [r.committedPence, r.paidPence] })),
    format: formatPence,
  };
}

/** A page for a signed-in person only; anyone else is sent to sign in and brought back. */
const SIGNED_IN = true;

function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ipAddress: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

/** Only a path inside the portal may be the place to return to after signing in: never another site. */
export function safeReturnPath(value: string): string {
  return /^\/portal\/[A-Za-z0-9/_-]*(\?[A-Za-z0-9=&_-]*)?$/.test(value) && !value.includes('//')
    ? value
    : `${PORTAL_PREFIX}/dashboard`;
}

/** An invitation's link names the address it was sent to, so the form starts with it filled in. */
function emailFromLink(request: FastifyRequest): string {
  const email = (request.query as Record<string, unknown>).email;
  return typeof email === 'string' && email.length <= 254 && !email.includes('\u0000') ? email : '';
}

function minutesUntil(details: Record<string, unknown>): number {
  const seconds = Number(details.retryAfterSeconds ?? 60);
  return Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 60) / 60));
}

/**
 * The portal: the pages community groups and officers use, server-rendered with govuk-frontend, on the
 * same domain services as the API, so every rule is enforced once. Like the register's pages it sits on
 * Fastify beside the Nest app (its paths are /portal, not the API's /api/v1). Every page is personal, so
 * none is cached; every form carries the browser's form token (csrf.ts) and is refused without it.
 */
export function mountPortal(app: NestFastifyApplication, assets: Assets): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const signIn = app.get(SignInService);
  const registration = app.get(RegistrationService);
  const passwords = app.get(PasswordsService);
  const organisations = app.get(OrganisationsService);
  const invitations = app.get(InvitationsService);
  const applications = app.get(ApplicationQueries);
  const rounds = app.get(RoundsService);
  const profile = app.get(ProfileService);
  const officerHome = new OfficerHome(
    applications,
    app.get(AwardQueries),
    app.get(MonitoringReportsService),
    app.get(FundsService),
    app.get(Clock),
  );
  const fundYearReports = app.get(FundYearReportsService);

  const router = new PortalRouter(app, assets);
  const route = (
    method: 'GET' | 'POST',
    url: string,
    handler: (visit: Visit) => Promise<Page | FastifyReply>,
    signedIn = false,
  ): void => (signedIn ? router.signedIn(method, url, handler) : router.open(method, url, handler));

  route('GET', '', async ({ user, reply }) =>
    user
      ? redirect(reply, `${PORTAL_PREFIX}/dashboard`)
      : { view: 'start.njk', context: { title: 'Apply for a grant' } },
  );

  const signInPage = (context: Record<string, unknown>, status = 200): Page => ({
    status,
    view: 'sign-in.njk',
    context: { title: 'Sign in', ...context },
  });
  route('GET', '/sign-in', async ({ request, user, reply }) => {
    const next = safeReturnPath(String((request.query as Record<string, unknown>).next ?? ''));
    if (user) return redirect(reply, next);
    return signInPage({ next, values: { email: emailFromLink(request) } });
  });
  route('POST', '/sign-in', async ({ request, reply, body }) => {
    const next = safeReturnPath(field(body, 'next'));
    const { values, problems } = checkSignIn(body);
    const again = (list: FormProblem[], status = 400): Page =>
      signInPage(
        { next, values: { email: values.email }, errors: errorList(list), fieldErrors: fieldErrors(list) },
        status,
      );
    if (problems.length) return again(problems);
    try {
      const result = await signIn.login(values, clientOf(request));
      setSessionCookie(reply, config, result.token);
      return redirect(reply, next);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.Throttled) {
        return again(
          [
            {
              field: 'email',
              message: `Too many attempts to sign in. Wait ${minutesUntil(error.details)} minutes and try again`,
            },
          ],
          429,
        );
      }
      if (error.code === ErrorCode.Unauthenticated) {
        // The service's own words for an unverified or disabled account; GOV.UK's for a wrong password.
        const message =
          error.message === BAD_CREDENTIALS ? 'Enter the correct email address and password' : error.message;
        return again([{ field: 'email', message }], 401);
      }
      throw error;
    }
  });

  route('POST', '/sign-out', async ({ user, reply, body }) => {
    if (user) await signIn.logout(user);
    clearSessionCookie(reply, config);
    return {
      view: 'signed-out.njk',
      context: { title: 'You have signed out', timedOut: field(body, 'reason') === 'timeout' },
    };
  });

  const createAccountPage = (context: Record<string, unknown>, status = 200): Page => ({
    status,
    view: 'create-account.njk',
    context: { title: 'Create an account', ...context },
  });
  route('GET', '/create-account', async ({ request }) =>
    createAccountPage({ values: { email: emailFromLink(request) } }),
  );
  route('POST', '/create-account', async ({ request, reply, body }) => {
    const { values, problems } = checkCreateAccount(body);
    const again = (list: FormProblem[], status = 400): Page =>
      createAccountPage(
        {
          values: { displayName: values.displayName, email: values.email },
          errors: errorList(list),
          fieldErrors: fieldErrors(list),
        },
        status,
      );
    if (problems.length) return again(problems);
    try {
      await registration.register(values, clientOf(request));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.Throttled) {
        return again(
          [
            {
              field: 'email',
              message: `Too many accounts have been asked for from here. Wait ${minutesUntil(error.details)} minutes and try again`,
            },
          ],
          429,
        );
      }
      if (error.code === ErrorCode.ValidationFailed && error.fieldErrors.length) {
        return again(
          error.fieldErrors.map((f) => ({
            field: f.field,
            message: `Check your ${f.field === 'displayName' ? 'name' : f.field}: it ${f.message}`,
          })),
        );
      }
      throw error;
    }
    return redirect(reply, `${PORTAL_PREFIX}/check-your-email`);
  });
  route('GET', '/check-your-email', async () => ({
    view: 'check-your-email.njk',
    context: { title: 'Check your email' },
  }));

  // Following the emailed link only shows a button: mail scanners fetch links, and a GET must not spend the token.
  route('GET', '/verify-email', async ({ request }) => ({
    view: 'verify-email.njk',
    context: {
      title: 'Confirm your email address',
      token: String((request.query as Record<string, unknown>).token ?? ''),
    },
  }));
  route('POST', '/verify-email', async ({ body }) => {
    try {
      await registration.verifyEmail(field(body, 'token'));
      return { view: 'email-verified.njk', context: { title: 'Email address confirmed' } };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.ServiceUnavailable) throw error;
      return { status: 400, view: 'link-expired.njk', context: { title: 'This link has expired' } };
    }
  });

  // Asking for a link never says whether the address has an account (the API's rule too).
  const resetPage = (context: Record<string, unknown>, status = 200): Page => ({
    status,
    view: 'reset-password.njk',
    context: { title: context.token ? 'Create a new password' : 'Reset your password', ...context },
  });
  route('GET', '/reset-password', async ({ request }) => {
    const token = (request.query as Record<string, unknown>).token;
    return resetPage({
      token: typeof token === 'string' ? token : '',
      values: { email: emailFromLink(request) },
    });
  });
  route('POST', '/reset-password', async ({ body, reply }) => {
    if (field(body, 'token')) {
      const { values, problems } = checkNewPassword(body);
      const again = (list: FormProblem[]): Page =>
        resetPage(
          { token: values.token, values: {}, errors: errorList(list), fieldErrors: fieldErrors(list) },
          400,
        );
      if (problems.length) return again(problems);
      try {
        await passwords.confirmPasswordReset(values.token, values.password);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
        const password = error.fieldErrors.filter((f) => f.field === 'newPassword');
        if (!password.length) {
          return {
            status: 400,
            view: 'link-expired.njk',
            context: { title: 'This link has expired', againHref: `${PORTAL_PREFIX}/reset-password` },
          };
        }
        return again(password.map((f) => ({ field: 'password', message: `Password ${f.message}` })));
      }
      return { view: 'password-changed.njk', context: { title: 'Your password has been changed' } };
    }
    const { values, problems } = checkResetRequest(body);
    if (problems.length) {
      return resetPage(
        { token: '', values, errors: errorList(problems), fieldErrors: fieldErrors(problems) },
        400,
      );
    }
    await passwords.requestPasswordReset(values.email);
    return redirect(reply, `${PORTAL_PREFIX}/check-your-email`);
  });

  route(
    'GET',
    '/dashboard',
    async ({ user }) => {
      const me = user!;
      if (isOfficer(me)) {
        const { timeZone } = await profile.funder();
        return {
          view: 'officer-home.njk',
          context: { title: 'Your work', user: me, work: await officerHome.work(me, timeZone), timeZone },
        };
      }
      const mine = await organisations.mine(me);
      const pending = await invitations.mine(me);
      const page = await applications.list(me, { limit: 50 });
      const grants = await app.get(AwardQueries).list(me, { limit: 50 });
      return {
        view: 'dashboard.njk',
        context: {
          title: 'Your applications',
          user: me,
          organisations: mine,
          invitations: pending,
          applications: page.items,
          grants: grants.items,
        },
      };
    },
    SIGNED_IN,
  );

  const organisationPage = async (context: Record<string, unknown>, status = 200): Promise<Page> => {
    const areas = (await profile.areas())
      .map((a) => ({ value: a.code, text: a.name }))
      .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
    return {
      status,
      view: 'organisation-new.njk',
      context: { title: 'Your organisation', legalForms: LEGAL_FORM_CHOICES, areas, ...context },
    };
  };
  // Joining: the invitation's answer is the invitations service's; the dashboard shows the result.
  route(
    'POST',
    '/invitations/:id',
    async ({ user, request, body, reply }) => {
      const { id } = request.params as { id: string };
      const answer = field(body, 'answer');
      if (!UUID.test(id) || (answer !== 'accept' && answer !== 'decline')) return notFound();
      try {
        if (answer === 'accept') await invitations.accept(user!, id);
        else await invitations.decline(user!, id);
      } catch (error) {
        if (error instanceof DomainError && error.code !== ErrorCode.ServiceUnavailable) {
          return {
            status: 409,
            view: 'invitation-closed.njk',
            context: { title: 'This invitation is closed' },
          };
        }
        throw error;
      }
      return redirect(reply, `${PORTAL_PREFIX}/dashboard`);
    },
    SIGNED_IN,
  );
  route('GET', '/organisations/new', async () => organisationPage({ values: {} }), SIGNED_IN);
  route(
    'POST',
    '/organisations/new',
    async ({ user, body, reply }) => {
      const { values, input, problems } = checkOrganisation(body);
      const again = (list: FormProblem[]): Promise<Page> =>
        organisationPage({ values, errors: errorList(list), fieldErrors: fieldErrors(list) }, 400);
      if (!input) return again(problems);
      try {
        await organisations.create(user!, input);
      } catch (error) {
        if (error instanceof DomainError && error.fieldErrors.length) {
          return again(organisationProblems(error.fieldErrors));
        }
        throw error;
      }
      return redirect(reply, `${PORTAL_PREFIX}/dashboard`);
    },
    SIGNED_IN,
  );

  route(
    'GET',
    '/reports',
    async ({ user }) => {
      if (!isOfficer(user!)) return notFound();
      const funds = await app.get(FundsService).listFunds();
      const plans = await app.get(PlansService).listPlans({ includeDrafts: true });
      return { view: 'reports.njk', context: { title: 'Reports', funds, plans } };
    },
    SIGNED_IN,
  );
  route(
    'GET',
    '/reports/fund-years/:id',
    async ({ user, request }) => {
      const { id } = request.params as { id: string };
      if (!isOfficer(user!) || !UUID.test(id)) return notFound();
      const report = await unlessRefused(fundYearReports.fundYear(id));
      if (!report) return notFound();
      const charts = FUND_YEAR_CHARTS.map(({ key, title }) => ({
        title,
        rows: report[key],
        svg: renderBarChart(
          moneyChart(`${title}: money committed and paid, ${report.fundYear.label}`, report[key]),
        ),
      }));
      return {
        view: 'fund-year-report.njk',
        context: { title: `${report.fundYear.fundName} ${report.fundYear.label}`, report, charts },
      };
    },
    SIGNED_IN,
  );

  route(
    'GET',
    '/reports/plans/:id',
    async ({ user, request }) => {
      const { id } = request.params as { id: string };
      if (!isOfficer(user!) || !UUID.test(id)) return notFound();
      const report = await unlessRefused(fundYearReports.planPeriod(id));
      if (!report) return notFound();
      const series = report.fundYears.map((y, i) => ({
        name: y.fundYear.label,
        colour: YEAR_COLOURS[i % YEAR_COLOURS.length]!,
      }));
      const charts = FUND_YEAR_CHARTS.map(({ key, title }) => ({
        title,
        rows: report[key],
        svg: renderBarChart({
          title: `${title}: money committed in each fund year of the plan`,
          series,
          rows: report[key].map((r) => ({ label: r.label, values: r.years.map((c) => c.committedPence) })),
          format: formatPence,
        }),
      }));
      return { view: 'plan-period-report.njk', context: { title: report.plan.title, report, charts } };
    },
    SIGNED_IN,
  );

  route('GET', '/rounds', async ({ user }) => {
    const open = await rounds.list({ status: 'open', limit: 50 }, { includeDrafts: false });
    return { view: 'rounds.njk', context: { title: 'Funding rounds open now', rounds: open.items, user } };
  });

  // The timeout warning's "stay signed in": signing in again is not needed, being seen is enough.
  router.signedIn('GET', '/session', async ({ reply }) =>
    reply.code(204).header('cache-control', 'no-store').send(),
  );
  mountApplicationPages(app, router);
  mountCasePages(app, router);
  mountAwardPages(app, router);
  mountAwardChangesPages(app, router);
  mountEmailPages(app, router);
  mountOversightPages(app, router);
  mountAdminPages(app, router);
  mountAdminFundPages(app, router);
  mountAdminRoundPages(app, router);
  mountAdminPlanPages(app, router);
  router.fallback();
}
