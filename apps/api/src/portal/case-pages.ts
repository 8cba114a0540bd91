import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, Role, StaffUsersService } from '@grants/accounts';
import {
  ApplicationEligibilityService,
  ApplicationQueries,
  ApplicationView,
  CreateInformationRequestDto,
  InformationRequestsService,
  REQUESTABLE_ANSWERS,
} from '@grants/applications';
import {
  AssessmentsService,
  AssignAssessorsDto,
  AssessorsService,
  ConflictDeclarationDto,
  ConflictsService,
  RecommendationDto,
  RecommendationsService,
  SaveAssessmentDto,
  ScreeningDto,
  ScreeningService,
} from '@grants/assessment';
import { DecisionDto, DecisionsService } from '@grants/awards';
import { SMALL_GROUP_LEGAL_FORMS } from '@grants/eligibility';
import { DocumentsService } from '@grants/documents';
import { OrganisationsService } from '@grants/organisations';
import { ProfileService } from '@grants/profile';
import { RoundsService } from '@grants/rounds';
import { answerLabel } from './application-form';
import { answersContext } from './application-pages';
import {
  CaseForm,
  readConflict,
  readDecision,
  readInformationRequest,
  readRecommendation,
  readScores,
  readScreening,
} from './case-forms';
import { FormBody, PORTAL_PREFIX } from './form-body';
import { supportingDocuments } from './document-pages';
import { mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

const ELIGIBILITY_RULE_NAMES: Record<string, string> = {
  area: 'Area',
  objectives: 'Plan objectives',
  amount: 'Amount',
  budget_adds_up: 'Budget adds up',
  disallowed_costs: 'Costs the round does not fund',
  project_dates: 'Project dates',
  legal_form: 'Type of organisation',
  exit_plan: 'When the funding ends',
  one_off: 'One-off funding',
  documents: 'Documents',
};

/**
 * An application as officers work on it: the answers, and whichever step it is at with the form this
 * officer may use there — the conflict-of-interest declaration first, then screening, assigning
 * assessors, scoring, moderation and the recommendation, and the approver's decision. Each form goes
 * to the same service as the API, which decides who may do what.
 */
export function mountCasePages(app: NestFastifyApplication, router: PortalRouter): void {
  const queries = app.get(ApplicationQueries);
  const eligibility = app.get(ApplicationEligibilityService);
  const conflicts = app.get(ConflictsService);
  const screening = app.get(ScreeningService);
  const assessors = app.get(AssessorsService);
  const assessments = app.get(AssessmentsService);
  const recommendations = app.get(RecommendationsService);
  const decisions = app.get(DecisionsService);
  const organisations = app.get(OrganisationsService);
  const rounds = app.get(RoundsService);
  const profile = app.get(ProfileService);
  const staff = app.get(StaffUsersService);
  const information = app.get(InformationRequestsService);
  const documents = app.get(DocumentsService);

  const casePage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    if (!UUID.test(id) || !user.roles.some((r) => r !== Role.Applicant)) return notFound();
    const application: ApplicationView | null = await unlessRefused(queries.get(user, id));
    if (!application || application.submittedAt === null) return notFound();
    const round = await rounds.getView(application.roundId, { includeDrafts: true });
    const organisation = await organisations.get(user, application.organisationId);
    const declarations = (await unlessRefused(conflicts.list(user, id))) ?? [];
    const mine = declarations.find((d) => d.userId === user.id) ?? null;
    const clear = mine !== null && !mine.hasConflict;
    const officer = user.roles.includes(Role.Officer);
    const snapshots = (await unlessRefused(eligibility.snapshots(user, id))) ?? [];
    const assigned = (await unlessRefused(assessors.list(user, id))) ?? [];
    const overview = clear ? await unlessRefused(assessments.overview(user, id)) : null;
    const recommendation = clear ? await unlessRefused(recommendations.get(user, id)) : null;
    const decision = await unlessRefused(decisions.get(user, id));
    const requests = (await unlessRefused(information.list(user, id))) ?? [];
    const myAssignment = assigned.find((a) => a.assessorId === user.id) ?? null;
    const myScores = overview?.assessments.find((a) => a.assessorId === user.id)?.scores ?? [];
    const status = application.status;
    const scored = assigned.filter((a) => a.state === 'submitted').length;
    const can = {
      declare: mine === null && ['submitted', 'in_assessment', 'recommended'].includes(status),
      screen: clear && officer && status === 'submitted',
      assign: clear && officer && status === 'in_assessment',
      score: clear && status === 'in_assessment' && myAssignment?.state === 'scoring',
      recommend:
        clear &&
        officer &&
        status === 'in_assessment' &&
        scored > 0 &&
        assigned.every((a) => a.state === 'submitted' || a.state === 'conflict'),
      decide: clear && user.roles.includes(Role.Approver) && status === 'recommended',
      askForInformation: clear && officer && ['submitted', 'in_assessment'].includes(status),
    };
    const officers = can.assign
      ? (await staff.listUsers({ role: Role.Officer, limit: 100 })).items.filter(
          (u) => !u.disabled && !assigned.some((a) => a.assessorId === u.id),
        )
      : [];
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'case.njk',
      context: {
        title: application.title ?? application.reference,
        a: application,
        application,
        round,
        organisation,
        smallGroup: SMALL_GROUP_LEGAL_FORMS.includes(organisation.legalForm),
        editable: false,
        ...answersContext(round, await profile.areas()),
        supportingDocuments: await supportingDocuments(documents, user, id),
        base: `${PORTAL_PREFIX}/cases/${id}`,
        mine,
        declarations,
        eligibility: snapshots.at(-1) ?? null,
        ruleNames: ELIGIBILITY_RULE_NAMES,
        screening: await unlessRefused(screening.get(user, id)),
        assigned,
        officers,
        overview,
        myScores: Object.fromEntries(myScores.map((s) => [s.criterionId, s])),
        means: Object.fromEntries((overview?.meanScores ?? []).map((m) => [m.criterionId, m.mean])),
        recommendation,
        decision,
        requests: requests.map((r) => ({ ...r, reopened: r.answers.map(answerLabel).join(', ') })),
        requestable: REQUESTABLE_ANSWERS.map((value) => ({ value, text: answerLabel(value) })),
        can,
        typedForm: typed?.form ?? null,
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/cases/:id', async ({ user, request }) =>
    casePage(user, (request.params as { id: string }).id),
  );

  /** One step's form, on the case page. */
  const step = <T extends object>(
    name: string,
    roles: readonly Role[],
    dto: new () => object,
    read: (body: FormBody | undefined, user: AuthUser, id: string) => Promise<CaseForm<T>>,
    run: (user: AuthUser, id: string, command: T) => Promise<unknown>,
    field: string,
  ): void =>
    mountFormStep(router, {
      url: `/cases/:id/${name}`,
      roles,
      dto,
      read: ({ body, user }, id) => read(body, user, id),
      run,
      page: casePage,
      form: name,
      field,
      done: (id) => `${PORTAL_PREFIX}/cases/${id}`,
    });

  const criteriaOf = async (user: AuthUser, id: string): Promise<string[]> => {
    const application = await queries.get(user, id);
    return (await rounds.getView(application.roundId, { includeDrafts: true })).criteria.map((c) => c.id);
  };

  step(
    'conflict',
    [Role.Officer, Role.Approver],
    ConflictDeclarationDto,
    async (body) => readConflict(body),
    (u, id, c) => conflicts.declare(u, id, c),
    'hasConflict',
  );
  step(
    'screening',
    [Role.Officer],
    ScreeningDto,
    async (body) => readScreening(body),
    (u, id, c) => screening.screen(u, id, c),
    'outcome',
  );
  step(
    'assessors',
    [Role.Officer],
    AssignAssessorsDto,
    async (body) => {
      const chosen = body ? ([] as string[]).concat(body.assessorIds ?? []).filter((v) => UUID.test(v)) : [];
      return chosen.length
        ? { command: { assessorIds: chosen }, problems: [] }
        : { command: null, problems: [{ field: 'assessorIds', message: 'Select at least one assessor' }] };
    },
    (u, id, c) => assessors.assign(u, id, c.assessorIds),
    'assessorIds',
  );
  step(
    'scores',
    [Role.Officer],
    SaveAssessmentDto,
    async (body, user, id) => readScores(body, await criteriaOf(user, id)),
    (u, id, c) => assessments.saveMine(u, id, c),
    'scores',
  );
  step(
    'recommendation',
    [Role.Officer],
    RecommendationDto,
    async (body, user, id) =>
      readRecommendation(
        body,
        await criteriaOf(user, id),
        (await queries.get(user, id)).objectives.map((o) => o.objectiveId),
      ),
    (u, id, c) => recommendations.recommend(u, id, c),
    'outcome',
  );
  step(
    'information-request',
    [Role.Officer],
    CreateInformationRequestDto,
    async (body) => readInformationRequest(body),
    (u, id, c) => information.request(u, id, c),
    'answers',
  );
  step(
    'decision',
    [Role.Approver],
    DecisionDto,
    async (body) => readDecision(body),
    (u, id, c) => decisions.decide(u, id, c),
    'outcome',
  );
}
