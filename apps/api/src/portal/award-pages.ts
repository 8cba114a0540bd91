import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, isOfficer, Role } from '@grants/accounts';
import {
  AcceptOfferDto,
  AwardConditionsService,
  AwardQueries,
  AwardView,
  ConditionStatusDto,
  MoneyMovementDto,
  OffersService,
  PaymentsService,
  ReasonDto,
} from '@grants/awards';
import {
  MonitoringReportsService,
  MonitoringReportView,
  ReviewReportDto,
  SaveReportDto,
} from '@grants/monitoring';
import { ApplicationEmails } from '@grants/applications';
import { OrganisationsService } from '@grants/organisations';
import { FormProblem } from './account-forms';
import { poundsText } from './application-form';
import {
  readAcceptance,
  readConditionStatus,
  readPayment,
  readReason,
  readReport,
  SPARE_CASE_STUDIES,
} from './award-forms';
import { awardChanges } from './award-changes-pages';
import { EMAIL_STATUS_TAGS } from './email-pages';
import { FormStep, mountFormStep, TypedForm } from './form-step';
import { field, fields, PORTAL_PREFIX } from './form-body';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

/**
 * A grant once it is offered: the grant holder reads the offer and its conditions and accepts it as the
 * organisation's signatory, or declines it; officers check conditions; finance records payments; and the
 * grant holder's monitoring reports are written, sent and reviewed. Every form goes to the service the
 * API uses, and checks the roles the API's route allows.
 */
export function mountAwardPages(app: NestFastifyApplication, router: PortalRouter): void {
  const awards = app.get(AwardQueries);
  const offers = app.get(OffersService);
  const conditions = app.get(AwardConditionsService);
  const payments = app.get(PaymentsService);
  const monitoring = app.get(MonitoringReportsService);
  const organisations = app.get(OrganisationsService);
  const emails = app.get(ApplicationEmails);

  const awardPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    if (!UUID.test(id)) return notFound();
    const award: AwardView | null = await unlessRefused(awards.get(user, id));
    if (!award) return notFound();
    const organisation = await organisations.get(user, award.organisationId);
    const staff = isOfficer(user);
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'award.njk',
      context: {
        title: award.status === 'offered' && !staff ? 'Your grant offer' : `Grant ${award.reference}`,
        award,
        organisation,
        staff,
        movements: await awards.movements(user, id),
        reports: (await unlessRefused(monitoring.forAward(user, id))) ?? [],
        can: {
          accept: !staff && award.status === 'offered' && organisation.myRole === 'owner',
          checkConditions:
            user.roles.includes(Role.Officer) && ['offered', 'accepted'].includes(award.status),
          pay: user.roles.includes(Role.Finance) && award.status === 'accepted' && award.remainingPence > 0,
          ...awardChanges(user, award),
        },
        variations: await awards.variations(user, id),
        emails: await emails.forApplication(user, award.applicationId),
        emailTags: EMAIL_STATUS_TAGS,
        amountPounds: poundsText(award.remainingPence),
        ticked: fields(typed?.body, 'conditions'),
        base: `${PORTAL_PREFIX}/awards/${id}`,
        typedForm: typed?.form ?? null,
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/awards/:id', async ({ user, request }) =>
    awardPage(user, (request.params as { id: string }).id),
  );

  const act = <T extends object>(step: FormStep<T>): void => mountFormStep(router, step);
  const toAward = (id: string) => `${PORTAL_PREFIX}/awards/${id}`;

  act({
    url: '/awards/:id/accept',
    roles: [Role.Applicant],
    dto: AcceptOfferDto,
    read: async ({ user, body }, id) => {
      const award = await awards.get(user, id);
      return readAcceptance(body, {
        amountPence: award.amountPence,
        conditionIds: award.conditions.map((c) => c.id),
      });
    },
    run: (user, id, c) => offers.accept(user, id, c),
    page: awardPage,
    form: 'accept',
    field: 'signatoryName',
    done: toAward,
  });

  const declinePage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    const award = UUID.test(id) ? await unlessRefused(awards.get(user, id)) : null;
    if (!award || award.status !== 'offered' || isOfficer(user)) return notFound();
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'award-decline.njk',
      context: {
        title: 'Decline the offer',
        award,
        base: toAward(id),
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };
  router.signedIn('GET', '/awards/:id/decline', async ({ user, request }) =>
    declinePage(user, (request.params as { id: string }).id),
  );
  act({
    url: '/awards/:id/decline',
    roles: [Role.Applicant],
    dto: ReasonDto,
    read: async ({ body }) => readReason(body, 'Tell us why you are declining the offer'),
    run: (user, id, c) => offers.decline(user, id, c.reason),
    page: declinePage,
    form: 'decline',
    field: 'reason',
    done: toAward,
  });

  act({
    url: '/awards/:id/conditions',
    roles: [Role.Officer],
    dto: ConditionStatusDto,
    read: async ({ body }) => readConditionStatus(body, field(body, 'conditionId')),
    run: (user, id, c, { body }) => {
      const conditionId = field(body, 'conditionId');
      return conditions.setStatus(
        user,
        id,
        UUID.test(conditionId) ? conditionId : '00000000-0000-4000-8000-000000000000',
        c,
      );
    },
    page: awardPage,
    form: 'conditions',
    field: 'conditions',
    done: toAward,
  });

  act({
    url: '/awards/:id/payments',
    roles: [Role.Finance],
    dto: MoneyMovementDto,
    read: async ({ body }) => readPayment(body),
    run: (user, id, c) => payments.pay(user, id, c),
    page: awardPage,
    form: 'payment',
    field: 'amount',
    done: toAward,
  });

  // A monitoring report: the grant holder's form while it is theirs to write, the officer's review once sent.
  const reportPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    const report: MonitoringReportView | null = UUID.test(id)
      ? await unlessRefused(monitoring.get(user, id))
      : null;
    if (!report) return notFound();
    const staff = isOfficer(user);
    const writable = !staff && ['due', 'changes_requested'].includes(report.status);
    const problems = typed?.problems ?? [];
    const studies = report.caseStudies.map((c) => ({ ...c }));
    return {
      status: problems.length ? 400 : 200,
      view: 'monitoring-report.njk',
      context: {
        title: `${report.kind === 'final' ? 'Final' : 'Interim'} report for ${report.awardReference}`,
        report,
        writable,
        canReview: user.roles.includes(Role.Officer) && report.status === 'submitted',
        caseStudies: writable
          ? [...studies, ...Array.from({ length: SPARE_CASE_STUDIES }, () => ({}))]
          : studies,
        spendPounds: Object.fromEntries(
          report.budget.map((b) => [b.position, b.spentPence === null ? '' : poundsText(b.spentPence)]),
        ),
        unspentPounds: report.unspentPence === null ? '' : poundsText(report.unspentPence),
        base: `${PORTAL_PREFIX}/monitoring-reports/${id}`,
        awardHref: toAward(report.awardId),
        typedForm: typed?.form ?? null,
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };
  router.signedIn('GET', '/monitoring-reports/:id', async ({ user, request }) =>
    reportPage(user, (request.params as { id: string }).id),
  );
  act({
    url: '/monitoring-reports/:id',
    roles: [Role.Applicant],
    dto: SaveReportDto,
    read: async ({ user, body }, id) => readReport(body, await monitoring.get(user, id)),
    run: async (user, id, c, { body }) => {
      await monitoring.save(user, id, c);
      if (field(body, 'action') === 'submit') await monitoring.submit(user, id);
    },
    page: reportPage,
    form: 'report',
    field: 'progress',
    done: (id) => `${PORTAL_PREFIX}/monitoring-reports/${id}`,
  });
  act({
    url: '/monitoring-reports/:id/review',
    roles: [Role.Officer],
    dto: ReviewReportDto,
    read: async ({ body }) => {
      const outcome = field(body, 'outcome');
      const comments = field(body, 'comments').trim();
      const problems: FormProblem[] = [];
      if (outcome !== 'accept' && outcome !== 'request_changes') {
        problems.push({
          field: 'outcome',
          message: 'Select whether to accept the report or ask for changes',
        });
      } else if (outcome === 'request_changes' && !comments) {
        problems.push({ field: 'comments', message: 'Say what the grant holder needs to change' });
      }
      return problems.length
        ? { command: null, problems }
        : {
            command: { outcome: outcome as 'accept' | 'request_changes', ...(comments ? { comments } : {}) },
            problems,
          };
    },
    run: (user, id, c) => monitoring.review(user, id, c),
    page: reportPage,
    form: 'review',
    field: 'outcome',
    done: (id) => `${PORTAL_PREFIX}/monitoring-reports/${id}`,
  });
}
