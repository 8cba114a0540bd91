import { Role } from '@grants/accounts';
import { SYSTEM_ACTOR } from '@grants/audit';
import { Clock } from '@grants/common';
import { MonthlyPublication } from '@grants/register';
import { RoundsService } from '@grants/rounds';
import { registerFixture } from '../../libs/register/src/register-fixtures';
import { fillRegister } from '../../tools/register-seed';
import { createStaffUser, registerApplicant } from './accounts';
import { createOpenRound, seedReference } from './reference';
import { awardApplication, recommendApplication, submitApplication } from './applications';
import { TestApp } from './test-app';

/**
 * One of everything the API has an address for, for the tests that go over every operation of the
 * OpenAPI document: an applicant with an organisation and a draft application to an open round, an
 * administrator, an officer, a draft round and a draft plan version with an aim, objective and measure.
 * Drafts are chosen wherever there are any, so a request that wrongly got through would visibly succeed.
 */
export interface Person {
  userId: string;
  email: string;
  token: string;
}

export interface ApiWorld {
  applicant: Person;
  admin: Person;
  officer: Person;
  approver: Person;
  finance: Person;
  /** An offer, with the ids of its conditions. */
  award: { id: string; amountPence: number; conditionIds: string[] };
  openRoundId: string;
  organisationId: string;
  applicationId: string;
  /** The real id for each resource name that appears before an `{id}` in a path. */
  idFor: Record<string, string>;
  /** The same, but published records wherever drafts are hidden from the public. */
  publicIdFor: Record<string, string>;
  /** For paths whose ids must belong together: every parameter of that path. */
  idsByPath: Record<string, Record<string, string>>;
}

const DAY_MS = 86_400_000;

/** The smallest file a PDF reader opens: enough for the type sniffing, small enough to build in a test. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

export const ORGANISATION_BODY = {
  name: 'Malvern Hills Neighbourhood Watch Association',
  legalForm: 'company_limited_by_guarantee',
  companyNumber: '1234567',
  addressLine1: '12 Church Street',
  town: 'Malvern',
  postcode: 'WR14 3AA',
  localAuthorityCode: 'E07000235',
};

export async function buildApiWorld(t: TestApp): Promise<ApiWorld> {
  const ref = await seedReference(t);
  const openRound = await createOpenRound(t);
  const now = t.app.get(Clock).now();
  const draftRound = await t.app.get(RoundsService).create(
    {
      fundYearId: ref.fundYearId,
      planVersionId: ref.planVersionId,
      title: 'A round still being set up',
      opensAt: new Date(now.getTime() + 30 * DAY_MS),
      closesAt: new Date(now.getTime() + 90 * DAY_MS),
      minAwardPence: 50_000,
      maxAwardPence: 2_500_000,
      maxProjectMonths: 12,
      acceptanceWindowDays: 28,
      objectiveIds: [ref.objectives[0]!.id],
    },
    SYSTEM_ACTOR,
  );
  const applicant = await registerApplicant(t, { displayName: 'Ada Applicant' });
  const admin = await createStaffUser(t, [Role.Admin]);
  const officer = await createStaffUser(t, [Role.Officer]);

  const organisation = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
  if (organisation.status !== 201)
    throw new Error(`organisation: ${organisation.status} ${organisation.text}`);
  const application = await t.post(
    '/api/v1/applications',
    { organisationId: organisation.body.id, roundId: openRound.id, title: 'Street Pastors' },
    { token: applicant.token },
  );
  if (application.status !== 201) throw new Error(`application: ${application.status} ${application.text}`);
  const document = await t.request(
    'POST',
    `/api/v1/applications/${application.body.id}/documents?kind=other&fileName=world.pdf`,
    undefined,
    { token: applicant.token, raw: TINY_PDF, headers: { 'content-type': 'application/pdf' } },
  );
  if (document.status !== 201) throw new Error(`document: ${document.status} ${document.text}`);
  const invitation = await t.post(
    `/api/v1/organisations/${organisation.body.id}/members`,
    { email: 'invited.person@example.org' },
    { token: applicant.token },
  );
  if (invitation.status !== 202) throw new Error(`invitation: ${invitation.status} ${invitation.text}`);

  // A second application, screened into assessment and then waiting for information: the routes about a
  // screening and an open request need one.
  const waiting = await submitApplication(t, applicant.token, {
    organisationId: organisation.body.id,
    roundId: openRound.id,
    ref,
    objectiveIds: openRound.objectiveIds,
  });
  for (const [path, body] of [
    ['conflict-declarations', { hasConflict: false }],
    ['screening', { outcome: 'eligible' }],
  ] as const) {
    const res = await t.post(`/api/v1/applications/${waiting}/${path}`, body, { token: officer.token });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
  }
  const request = await t.post(
    `/api/v1/applications/${waiting}/information-requests`,
    { answers: ['summary'], message: 'Please say more about who the volunteers are.' },
    { token: officer.token },
  );
  if (request.status !== 201) throw new Error(`information request: ${request.status} ${request.text}`);

  // A third, awarded: the award's routes need an offer with its conditions.
  const approver = await createStaffUser(t, [Role.Approver]);
  const finance = await createStaffUser(t, [Role.Finance]);
  const awarded = await recommendApplication(t, {
    applicantToken: applicant.token,
    officer,
    organisationId: organisation.body.id,
    roundId: openRound.id,
    ref,
    objectiveIds: openRound.objectiveIds,
  });
  const decision = await awardApplication(t, awarded, approver);

  const draft = await t.post(`/api/v1/plans/${ref.planId}/versions`, {}, { token: admin.token });
  if (draft.status !== 201) throw new Error(`plan version: ${draft.status} ${draft.text}`);
  const aim = draft.body.aims[0];
  const objective = aim.objectives[0];
  const fundId = Object.values(ref.fundIds)[0]!;
  // A published grant, in a month already recorded, for the register's public reads.
  const [grant] = await fillRegister(
    t.dataSource,
    [registerFixture(0)],
    new Date(t.app.get(Clock).now().getTime() - 40 * 86_400_000),
  );
  const [month] = await t.app.get(MonthlyPublication).publishFinishedMonths();
  // A report owed on the offer, for the monitoring routes (numbered clear of what acceptance schedules).
  const [report] = await t.dataSource.query(
    `INSERT INTO monitoring_reports (award_id, position, kind, period_start, period_end, due_on)
     VALUES ($1, 99, 'interim', current_date, current_date + 90, current_date + 90) RETURNING id`,
    [decision.award.id],
  );
  if (!grant || !month) throw new Error('register: no grant or no monthly publication');

  return {
    applicant,
    admin,
    officer,
    approver,
    finance,
    award: {
      id: decision.award.id,
      amountPence: decision.award.amountPence,
      conditionIds: decision.award.conditions.map((c: { id: string }) => c.id),
    },
    openRoundId: openRound.id,
    organisationId: organisation.body.id,
    applicationId: application.body.id,
    idFor: {
      organisations: organisation.body.id,
      applications: application.body.id,
      rounds: draftRound.id,
      plans: ref.planId,
      'plan-versions': draft.body.version.id,
      aims: aim.id,
      objectives: objective.id,
      'success-measures': objective.measures[0].id,
      funds: fundId,
      'fund-years': ref.fundYearId,
      users: officer.userId,
      members: applicant.userId,
      invitations: invitation.body.invitationId,
      documents: document.body.id,
      awards: decision.award.id,
      assessors: officer.userId,
      conditions: decision.award.conditions[0].id,
      grants: grant.id,
      publications: month.slice(0, 7),
      'monitoring-reports': report.id,
    },
    idsByPath: {
      '/api/v1/applications/{id}/screening': { id: waiting },
      '/api/v1/applications/{id}/decision': { id: awarded },
      '/api/v1/admin/jobs/{queue}/{jobId}/retry': { queue: 'notifications', jobId: 'no-such-job' },
      '/api/v1/applications/{id}/information-requests/{requestId}/response': {
        id: waiting,
        requestId: request.body.id,
      },
    },
    publicIdFor: {
      rounds: openRound.id,
      plans: ref.planId,
      'plan-versions': ref.planVersionId,
      funds: fundId,
      'fund-years': ref.fundYearId,
      grants: grant.id,
      publications: month.slice(0, 7),
    },
  };
}

/**
 * The operation's path with a real id in every parameter: the id of the resource named just before it
 * (`/plan-versions/{id}/aims` → the plan version). Throws for a parameter nobody has mapped yet, so a
 * new kind of route fails these tests until someone says which record it should be tried against.
 */
export function concretePath(
  path: string,
  idFor: Record<string, string>,
  idsByPath: Record<string, Record<string, string>> = {},
): string {
  const together = idsByPath[path];
  if (together) return path.replace(/\{([^}]+)\}/g, (_whole, param: string) => together[param]!);
  const concrete = path.replace(/\/([^/{}]+)\/\{([^}]+)\}/g, (_whole, resource: string, param: string) => {
    const id = idFor[resource];
    if (!id) {
      throw new Error(
        `${path}: no record for path parameter {${param}} after /${resource}/; add one to buildApiWorld's idFor`,
      );
    }
    return `/${resource}/${id}`;
  });
  if (concrete.includes('{')) throw new Error(`${path}: a path parameter not preceded by a resource name`);
  return concrete;
}
