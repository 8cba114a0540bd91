import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, isOfficer, Role } from '@grants/accounts';
import {
  ApplicationDraftsService,
  ApplicationEligibilityService,
  ApplicationQueries,
  ApplicationSubmissionService,
  ApplicationView,
  InformationRequestsService,
  InformationRequestView,
  InformationResponseDto,
  UpdateApplicationDto,
} from '@grants/applications';
import { Clock, DomainError, FieldError } from '@grants/common';
import { DocumentsService } from '@grants/documents';
import { SMALL_GROUP_LEGAL_FORMS } from '@grants/eligibility';
import { OrganisationsService, OrganisationView } from '@grants/organisations';
import { ProfileService } from '@grants/profile';
import { RoundDetailView, roundPhase, RoundsService } from '@grants/rounds';
import { FormProblem } from './account-forms';
import {
  BUDGET_CATEGORY_LABELS,
  dateParts,
  FUNDING_STATUS_LABELS,
  isSectionKey,
  MAX_ROWS,
  poundsText,
  problemSentence,
  readSection,
  SectionKey,
  SectionStatus,
  sectionStatuses,
  SECTIONS,
  SPARE_ROWS,
} from './application-form';
import { documentsStatus, mountDocumentPages, supportingDocuments } from './document-pages';
import { field, FormBody, PORTAL_PREFIX } from './form-body';
import { mountFormStep, TypedForm } from './form-step';
import {
  errorList,
  fieldErrors,
  isRefusal,
  notFound,
  Page,
  PortalRouter,
  redirect,
  unlessRefused,
  UUID,
} from './portal-router';
import { dtoErrors } from '../http/validation';

/** What application-answers.njk needs beyond the answers: the names of what they refer to. */
export function answersContext(
  round: RoundDetailView,
  areas: { code: string; name: string }[],
): Record<string, unknown> {
  return {
    objectiveTitles: Object.fromEntries(round.objectives.map((o) => [o.id, `${o.number}. ${o.title}`])),
    measureNames: Object.fromEntries(
      round.objectives.flatMap((o) => o.measures.map((m) => [m.id, `${m.code} ${m.description}`])),
    ),
    areaNames: Object.fromEntries(areas.map((x) => [x.code, x.name])),
    budgetLabels: BUDGET_CATEGORY_LABELS,
    fundingLabels: FUNDING_STATUS_LABELS,
  };
}

/** Everything a page about one application needs, read once per request. */
interface Draft {
  application: ApplicationView;
  round: RoundDetailView;
  organisation: OrganisationView;
  smallGroup: boolean;
  /** Whether its answers can be changed now: a draft in an open round. */
  editable: boolean;
  /** The officers' open request for information, when there is one: it reopens some answers. */
  request: InformationRequestView | null;
}

/** Whether the person may change a section now: any of a draft's, or those an open request reopened. */
function sectionOpen(d: Draft, key: SectionKey): boolean {
  if (d.editable) return true;
  const section = SECTIONS.find((s) => s.key === key)!;
  return d.request !== null && section.answers.some((a) => (d.request!.answers as string[]).includes(a));
}

/** Only the answers a request reopened are sent: the service refuses any other while it is open. */
function reopenedOnly(d: Draft, input: UpdateApplicationDto): UpdateApplicationDto {
  if (!d.request) return input;
  const reopened = new Set<string>(d.request.answers);
  return Object.fromEntries(Object.entries(input).filter(([k]) => reopened.has(k))) as UpdateApplicationDto;
}

const BUDGET_CHOICES = Object.entries(BUDGET_CATEGORY_LABELS).map(([value, text]) => ({ value, text }));
const FUNDING_CHOICES = Object.entries(FUNDING_STATUS_LABELS).map(([value, text]) => ({ value, text }));

/** The API's field paths for a section's answers, as the ids of the fields on its page. */
function pageField(path: string): string {
  const line = /^budgetLines\[(\d+)\]\.(\w+)$/.exec(path);
  if (line) return `line-${line[1]}-${line[2] === 'amountPence' ? 'amount' : line[2]}`;
  const funding = /^otherFunding\[(\d+)\]\.(\w+)$/.exec(path);
  if (funding) return `funding-${funding[1]}-${funding[2] === 'funderName' ? 'funder' : 'amount'}`;
  if (path.startsWith('groupChecklist.')) return path.slice('groupChecklist.'.length);
  if (path.startsWith('safeguarding.')) return path.slice('safeguarding.'.length);
  return path.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
}

/**
 * An applicant's application, from starting it in a round to the confirmation: the task list, one page
 * per section saved as a draft, check your answers with the eligibility pre-check, and submit. Every
 * save and the submission go through the same services as the API, so the rules are the API's.
 */
export function mountApplicationPages(app: NestFastifyApplication, router: PortalRouter): void {
  const drafts = app.get(ApplicationDraftsService);
  const queries = app.get(ApplicationQueries);
  const submission = app.get(ApplicationSubmissionService);
  const eligibility = app.get(ApplicationEligibilityService);
  const organisations = app.get(OrganisationsService);
  const rounds = app.get(RoundsService);
  const profile = app.get(ProfileService);
  const clock = app.get(Clock);
  const information = app.get(InformationRequestsService);
  const documents = app.get(DocumentsService);

  const openRound = async (id: string): Promise<RoundDetailView | null> => {
    if (!UUID.test(id)) return null;
    const round = await unlessRefused(rounds.getView(id, { includeDrafts: false }));
    return round?.phase === 'open' ? round : null;
  };

  /** The application if this person may see it; null (the 404 page) otherwise, never saying which. */
  const load = async (user: AuthUser, id: string): Promise<Draft | null> => {
    if (!UUID.test(id) || isOfficer(user)) return null;
    const application = await unlessRefused(queries.get(user, id));
    if (!application) return null;
    const round = await rounds.getView(application.roundId, { includeDrafts: true });
    const organisation = await organisations.get(user, application.organisationId);
    const request =
      application.status === 'information_requested'
        ? ((await information.list(user, id)).find((r) => r.status === 'open') ?? null)
        : null;
    return {
      request,
      application,
      round,
      organisation,
      smallGroup: SMALL_GROUP_LEGAL_FORMS.includes(organisation.legalForm),
      editable: application.status === 'draft' && roundPhase(round, clock.now()) === 'open',
    };
  };

  const base = (d: Draft) => `${PORTAL_PREFIX}/applications/${d.application.id}`;
  const atRisk = (d: Draft) => d.application.safeguarding.involvesChildrenOrAdultsAtRisk;

  mountDocumentPages(app, router, async (user, id) => {
    const d = await load(user, id);
    if (!d) return null;
    return {
      application: d.application,
      involvesAtRisk: atRisk(d),
      open: d.editable || (d.request?.answers.includes('documents') ?? false),
      removable: d.editable,
    };
  });

  // Starting: which organisation it is for (when the person belongs to more than one) and a working title.
  const startPage = async (
    round: RoundDetailView,
    mine: OrganisationView[],
    values: Record<string, string>,
    problems: FormProblem[] = [],
  ): Promise<Page> => ({
    status: problems.length ? 400 : 200,
    view: 'application-start.njk',
    context: {
      title: `Apply to ${round.title}`,
      round,
      organisations: mine.map((o) => ({ value: o.id, text: o.name })),
      values,
      errors: errorList(problems),
      fieldErrors: fieldErrors(problems),
    },
  });
  router.signedIn('GET', '/rounds/:id/apply', async ({ user, request, reply }) => {
    const round = await openRound((request.params as { id: string }).id);
    if (!round || isOfficer(user)) return notFound();
    const mine = await organisations.mine(user);
    if (mine.length === 0) return redirect(reply, `${PORTAL_PREFIX}/organisations/new`);
    return startPage(round, mine, { organisationId: mine.length === 1 ? mine[0]!.id : '' });
  });
  router.signedIn('POST', '/rounds/:id/apply', async ({ user, request, reply, body }) => {
    const round = await openRound((request.params as { id: string }).id);
    if (!round || isOfficer(user)) return notFound();
    const mine = await organisations.mine(user);
    const values = { organisationId: field(body, 'organisationId'), title: field(body, 'title').trim() };
    const problems: FormProblem[] = [];
    if (!mine.some((o) => o.id === values.organisationId)) {
      problems.push({ field: 'organisationId', message: 'Select the organisation you are applying for' });
    }
    if (values.title.length > 200) {
      problems.push({ field: 'title', message: 'Project title must be 200 characters or fewer' });
    }
    if (problems.length) return startPage(round, mine, values, problems);
    try {
      const created = await drafts.create(user, {
        organisationId: values.organisationId,
        roundId: round.id,
        title: values.title || undefined,
      });
      return redirect(reply, `${PORTAL_PREFIX}/applications/${created.id}`);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return startPage(round, mine, values, [{ field: 'organisationId', message: error.message }]);
    }
  });

  const problemsOf = (user: AuthUser, d: Draft): Promise<FieldError[]> =>
    d.editable ? submission.problems(user, d.application.id) : Promise.resolve([]);

  router.signedIn('GET', '/applications/:id', async ({ user, request, reply }) => {
    const d = await load(user, (request.params as { id: string }).id);
    if (!d) return notFound();
    if (d.request) return requestPage(d);
    if (!d.editable) return redirect(reply, `${base(d)}/check`);
    const problems = await problemsOf(user, d);
    const statuses = sectionStatuses(d.application, problems, d.smallGroup);
    const sections: { title: string; status: SectionStatus; href: string }[] = SECTIONS.map((s) => ({
      title: s.title,
      status: statuses[s.key],
      href: `${base(d)}/${s.key}`,
    }));
    // The documents are files, not answers: their own page, just before safeguarding as on paper.
    sections.splice(
      SECTIONS.findIndex((s) => s.key === 'safeguarding'),
      0,
      {
        title: 'Documents',
        status: documentsStatus(await documents.list(user, d.application.id), atRisk(d)),
        href: `${base(d)}/documents`,
      },
    );
    return {
      view: 'application-tasks.njk',
      context: {
        title: d.application.title ?? 'Your application',
        ...d,
        base: base(d),
        sections,
        done: sections.filter((s) => s.status === 'completed').length,
        total: sections.length,
      },
    };
  });

  // What each section's page shows: the saved answers, or what was just typed beside its problems.
  const sectionPage = async (
    d: Draft,
    key: SectionKey,
    typed?: { body: FormBody | undefined; rows?: Record<string, string>[]; problems: FormProblem[] },
  ): Promise<Page> => {
    const a = d.application;
    const chosen = new Set(a.objectives.map((o) => o.objectiveId));
    const areas = (await profile.areas())
      .map((x) => ({ value: x.code, text: x.name }))
      .sort((x, y) => x.text.localeCompare(y.text, 'en-GB'));
    const savedRows =
      key === 'budget'
        ? a.budgetLines.map((l) => ({
            description: l.description,
            category: l.category,
            amount: poundsText(l.amountPence),
          }))
        : a.otherFunding.map((f) => ({
            funderName: f.funderName,
            amount: poundsText(f.amountPence),
            status: f.status,
          }));
    const rows = typed?.rows ?? savedRows;
    const extra = typed && field(typed.body, 'action') === 'add-row' ? SPARE_ROWS + 1 : SPARE_ROWS;
    const problems = typed?.problems ?? [];
    const section = SECTIONS.find((s) => s.key === key)!;
    return {
      status: problems.length ? 400 : 200,
      view: `application-section-${key}.njk`,
      context: {
        title: section.title,
        ...d,
        base: base(d),
        a,
        form: typed?.body ?? null,
        rows: [...rows, ...Array.from({ length: extra }, () => ({}))].slice(0, MAX_ROWS),
        objectives: d.round.objectives,
        chosenObjectives: d.round.objectives.filter((o) => chosen.has(o.id)),
        contributions: Object.fromEntries(a.objectives.map((o) => [o.objectiveId, o.contribution])),
        measures: Object.fromEntries(a.successMeasures.map((m) => [m.measureId, m])),
        areas,
        start: dateParts(a.startDate),
        end: dateParts(a.endDate),
        budgetChoices: BUDGET_CHOICES,
        fundingChoices: FUNDING_CHOICES,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/applications/:id/:section', async ({ user, request, reply }) => {
    const { id, section } = request.params as { id: string; section: string };
    if (!isSectionKey(section)) return notFound();
    const d = await load(user, id);
    if (!d) return notFound();
    if (!sectionOpen(d, section)) return redirect(reply, `${base(d)}/check`);
    return sectionPage(d, section);
  });
  router.signedIn('POST', '/applications/:id/:section', async ({ user, request, reply, body }) => {
    const { id, section } = request.params as { id: string; section: string };
    if (!isSectionKey(section)) return notFound();
    const d = await load(user, id);
    if (!d) return notFound();
    if (!sectionOpen(d, section)) return redirect(reply, `${base(d)}/check`);
    const choices = {
      objectiveIds: d.round.objectives.map((o) => o.id),
      measureIds: d.round.objectives
        .filter((o) => d.application.objectives.some((c) => c.objectiveId === o.id))
        .flatMap((o) => o.measures.map((m) => m.id)),
      areaCodes: (await profile.areas()).map((x) => x.code),
    };
    const read = readSection(section, body, choices);
    const form = { ...read, input: reopenedOnly(d, read.input) };
    const again = (problems: FormProblem[]) => sectionPage(d, section, { body, rows: form.rows, problems });
    if (form.problems.length) return again(form.problems);
    const invalid = await dtoErrors(UpdateApplicationDto, form.input);
    if (invalid.length)
      return again(invalid.map((e) => ({ field: pageField(e.field), message: problemSentence(e).message })));
    try {
      await drafts.update(user, d.application.id, form.input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.fieldErrors.length) {
        return again(
          error.fieldErrors.map((e) => ({ field: pageField(e.field), message: problemSentence(e).message })),
        );
      }
      return redirect(reply, `${base(d)}/check`);
    }
    // Another row was asked for: the page again, saved, with one more empty row.
    if (field(body, 'action') === 'add-row') {
      return sectionPage((await load(user, id))!, section, { body, rows: form.rows, problems: [] });
    }
    return redirect(reply, base(d));
  });

  // Answering the officers' questions: the reopened sections to change, and the answer to send.
  const requestPage = (d: Draft, typed?: TypedForm): Page => {
    const problems = typed?.problems ?? [];
    const reopened = SECTIONS.filter((s) => sectionOpen(d, s.key));
    return {
      status: problems.length ? 400 : 200,
      view: 'application-request.njk',
      context: {
        title: 'We need more information',
        ...d,
        base: base(d),
        sections: reopened.map((s) => ({ ...s, href: `${base(d)}/${s.key}` })),
        documents: d.request!.answers.includes('documents'),
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };
  mountFormStep(router, {
    url: '/applications/:id/respond',
    roles: [Role.Applicant],
    dto: InformationResponseDto,
    read: async ({ body }) => {
      const response = field(body, 'response').trim();
      return response
        ? { command: { response }, problems: [] }
        : {
            command: null,
            problems: [
              { field: 'response', message: 'Tell us what you have changed, or answer the question' },
            ],
          };
    },
    run: async (user, id, c) => {
      const d = await load(user, id);
      if (!d?.request) throw DomainError.notFound('The information request');
      return information.respond(user, id, d.request.id, c.response);
    },
    page: async (user, id, typed) => {
      const d = await load(user, id);
      return d?.request ? requestPage(d, typed) : notFound();
    },
    form: 'respond',
    field: 'response',
    done: (id) => `${PORTAL_PREFIX}/applications/${id}/check`,
  });

  const checkPage = async (user: AuthUser, d: Draft, refused?: string): Promise<Page> => {
    const problems = (await problemsOf(user, d)).map((p) => {
      const { section, message } = problemSentence(p);
      return { text: message, href: `${base(d)}/${section}` };
    });
    const report = d.editable ? await eligibility.dryRun(user, d.application.id) : null;
    return {
      status: refused ? 409 : 200,
      view: 'application-check.njk',
      context: {
        title: d.editable
          ? 'Check your answers before sending your application'
          : (d.application.title ?? 'Your application'),
        ...d,
        base: base(d),
        a: d.application,
        problems,
        refused,
        checks: report?.results.filter((r) => r.outcome !== 'pass') ?? [],
        supportingDocuments: await supportingDocuments(documents, user, d.application.id),
        ...answersContext(d.round, await profile.areas()),
      },
    };
  };
  router.signedIn('GET', '/applications/:id/check', async ({ user, request }) => {
    const d = await load(user, (request.params as { id: string }).id);
    return d ? checkPage(user, d) : notFound();
  });
  router.signedIn('POST', '/applications/:id/submit', async ({ user, request, reply }) => {
    const d = await load(user, (request.params as { id: string }).id);
    if (!d) return notFound();
    try {
      await submission.submit(user, d.application.id);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return checkPage(user, d, error.message);
    }
    return redirect(reply, `${base(d)}/sent`);
  });
  router.signedIn('GET', '/applications/:id/sent', async ({ user, request }) => {
    const d = await load(user, (request.params as { id: string }).id);
    if (!d || d.application.submittedAt === null) return notFound();
    return { view: 'application-sent.njk', context: { title: 'Application sent', ...d, base: base(d) } };
  });
}
