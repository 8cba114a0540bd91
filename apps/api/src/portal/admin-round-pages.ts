import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { DomainError, ErrorCode } from '@grants/common';
import { FundsService } from '@grants/funds';
import { LEGAL_FORM_LABELS, LEGAL_FORMS } from '@grants/organisations';
import { PlansService } from '@grants/plans';
import { ProfileService } from '@grants/profile';
import {
  CopyRoundDto,
  CreateRoundDto,
  Round,
  RoundDetailView,
  RoundPhase,
  RoundsService,
  RoundUpdate,
  UpdateRoundDto,
} from '@grants/rounds';
import { FormProblem } from './account-forms';
import {
  copyFormFromRound,
  newRoundForm,
  readCopyForm,
  readRoundForm,
  roundChanges,
  roundField,
  roundFormFromBody,
  roundFormFromRound,
  RoundFormView,
  roundProblems,
} from './admin-round-forms';
import { PORTAL_PREFIX } from './form-body';
import { mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

/** The roles the API's routes for changing rounds allow (rounds.controller.ts): administrators only. */
const ADMIN = [Role.Admin] as const;
const ROUNDS = `${PORTAL_PREFIX}/admin/rounds`;
const isAdmin = (user: AuthUser): boolean => user.roles.includes(Role.Admin);

/** Where a round stands, as a GOV.UK tag. */
const PHASE_TAGS: Record<RoundPhase, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  upcoming: { text: 'Published, not open yet', classes: 'govuk-tag--light-blue' },
  open: { text: 'Open', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

const CONDITION_TIMING_CHOICES = [
  { value: 'ongoing', text: 'For the life of the grant' },
  { value: 'before_payment', text: 'Met before any payment' },
];

/** The copy form's boxes: a service problem with any other term of the round is shown on the fund year. */
const COPY_FIELDS = new Set([
  'title',
  'fundYearId',
  'opensAt-day',
  'opensAt-time',
  'closesAt-day',
  'closesAt-time',
]);

/**
 * The service's "frozen" refusal (a round that has opened keeps its terms) in the page's words. Every
 * other refusal is shown as the service gives it.
 */
function frozenInWords(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.Conflict) return error;
  const frozen = error.details.frozenFields;
  if (!Array.isArray(frozen) || frozen.length === 0) return error;
  const names = frozen
    .filter((f): f is string => typeof f === 'string' && f !== 'closesAt')
    .map((f) => roundField(f)?.name ?? f);
  const sentences = [
    ...(names.length ? [`${names.join(', ')} can no longer change`] : []),
    ...(frozen.includes('closesAt') ? ['it can only close later, not earlier'] : []),
  ];
  return new DomainError(
    ErrorCode.Conflict,
    `The round has opened, so ${sentences.join('; ')}`,
    error.details,
  );
}

/**
 * Administration of funding rounds: every round with where it stands (drafts too), a new round with all
 * the terms the API takes, changing a round (a draft freely; once open, the service freezes its terms),
 * copying one to make the next, and publishing. Every form goes through RoundsService, as the API's
 * rounds routes do, and its refusals are problems on the page.
 */
export function mountAdminRoundPages(app: NestFastifyApplication, router: PortalRouter): void {
  const rounds = app.get(RoundsService);
  const funds = app.get(FundsService);
  const plans = app.get(PlansService);
  const profile = app.get(ProfileService);

  const timeZone = async (): Promise<string> => (await profile.funder()).timeZone;

  /** Every fund year, by fund, as a select's choices. */
  const fundYearChoices = async () =>
    (await funds.listFunds()).flatMap((f) =>
      f.years.map((y) => ({ value: y.id, text: `${f.name} ${y.label}` })),
    );

  /** The plan versions a round may fund (published ones), each with its objectives in number order. */
  const planVersions = async () => {
    const list = await plans.listPlans({ includeDrafts: false });
    const versions = [];
    for (const plan of list) {
      for (const version of plan.versions) {
        const tree = await plans.getVersionTree(version.id);
        versions.push({
          value: version.id,
          text: `${plan.title}, version ${version.number}: ${version.label}`,
          objectives: tree.aims
            .flatMap((a) => a.objectives)
            .sort((a, b) => a.number - b.number)
            .map((o) => ({ value: o.id, text: `${o.number}. ${o.title}` })),
        });
      }
    }
    return versions;
  };

  const roundOrNull = (id: string) => unlessRefused(rounds.getView(id, { includeDrafts: true }));
  /** The round an administrator's page is about, or null for the 404 page (not theirs to see, or not there). */
  const roundFor = async (user: AuthUser, id: string): Promise<RoundDetailView | null> =>
    isAdmin(user) && UUID.test(id) ? roundOrNull(id) : null;

  const formPage = async (
    view: RoundFormView,
    context: { title: string; action: string; button: string; round?: RoundDetailView },
    problems: FormProblem[],
  ): Promise<Page> => {
    const versions = await planVersions();
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-round-form.njk',
      context: {
        ...context,
        values: view.values,
        fundYears: await fundYearChoices(),
        planVersions: versions.map((v, i) => ({
          ...v,
          idPrefix: i === 0 ? 'objectiveIds' : `objectiveIds-${i + 1}`,
          objectives: v.objectives.map((o) => ({ ...o, checked: view.objectiveIds.includes(o.value) })),
        })),
        legalForms: LEGAL_FORMS.map((value) => ({
          value,
          text: LEGAL_FORM_LABELS[value],
          checked: view.acceptedLegalForms.includes(value),
        })),
        criteria: view.criteria,
        conditions: view.conditions,
        timingChoices: CONDITION_TIMING_CHOICES,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  const newPage = async (user: AuthUser, typed?: TypedForm): Promise<Page> => {
    if (!isAdmin(user)) return notFound();
    const view = typed
      ? roundFormFromBody(typed.body)
      : newRoundForm({ disallowedCostCategories: (await profile.funder()).disallowedCostCategories });
    return formPage(
      view,
      { title: 'Set up a round', action: `${ROUNDS}/new`, button: 'Save as a draft' },
      typed?.problems ?? [],
    );
  };

  const editPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    const round = await roundFor(user, id);
    if (!round) return notFound();
    const view = typed ? roundFormFromBody(typed.body) : roundFormFromRound(round, await timeZone());
    return formPage(
      view,
      { title: `Change ${round.title}`, action: `${ROUNDS}/${id}/edit`, button: 'Save the changes', round },
      typed?.problems ?? [],
    );
  };

  const roundPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    const round = await roundFor(user, id);
    if (!round) return notFound();
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-round.njk',
      context: {
        title: round.title,
        round,
        tag: PHASE_TAGS[round.phase],
        legalForms: round.acceptedLegalForms.map(
          (f) => LEGAL_FORM_LABELS[f as keyof typeof LEGAL_FORM_LABELS] ?? f,
        ),
        timingText: Object.fromEntries(CONDITION_TIMING_CHOICES.map((c) => [c.value, c.text])),
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  const copyPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    const round = await roundFor(user, id);
    if (!round) return notFound();
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-round-copy.njk',
      context: {
        title: `Make the next round from ${round.title}`,
        round,
        values: typed ? (typed.body ?? {}) : copyFormFromRound(round, await timeZone()),
        fundYears: await fundYearChoices(),
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/admin/rounds', async ({ user, request }) => {
    if (!isAdmin(user)) return notFound();
    const cursor = (request.query as Record<string, unknown>).cursor;
    const page = await unlessRefused(
      rounds.list({ limit: 50, ...(typeof cursor === 'string' ? { cursor } : {}) }, { includeDrafts: true }),
    ).catch((error: unknown) => {
      // A cursor this service did not issue is a page that is not there.
      if (error instanceof DomainError && error.code === ErrorCode.ValidationFailed) return null;
      throw error;
    });
    if (!page) return notFound();
    return {
      view: 'admin-rounds.njk',
      context: {
        title: 'Rounds',
        rounds: page.items.map((r) => ({ ...r, tag: PHASE_TAGS[r.phase] })),
        next: page.nextCursor ? `${ROUNDS}?cursor=${encodeURIComponent(page.nextCursor)}` : null,
      },
    };
  });
  router.signedIn('GET', '/admin/rounds/new', async ({ user }) => newPage(user));
  router.signedIn('GET', '/admin/rounds/:id', async ({ user, request }) =>
    roundPage(user, (request.params as { id: string }).id),
  );
  router.signedIn('GET', '/admin/rounds/:id/edit', async ({ user, request }) =>
    editPage(user, (request.params as { id: string }).id),
  );
  router.signedIn('GET', '/admin/rounds/:id/copy', async ({ user, request }) =>
    copyPage(user, (request.params as { id: string }).id),
  );

  const withDates = <T extends { opensAt?: string; closesAt?: string }>(c: T) => ({
    ...c,
    opensAt: c.opensAt === undefined ? undefined : new Date(c.opensAt),
    closesAt: c.closesAt === undefined ? undefined : new Date(c.closesAt),
  });

  mountFormStep(router, {
    url: '/admin/rounds/new',
    roles: ADMIN,
    dto: CreateRoundDto,
    read: async ({ body }) => readRoundForm(body, await timeZone()),
    run: (user, _id, c) =>
      rounds.create(
        { ...c, opensAt: new Date(c.opensAt), closesAt: new Date(c.closesAt) },
        actorFrom(user, Role.Admin),
      ),
    page: (user, _id, typed) => newPage(user, typed),
    form: 'round',
    field: 'title',
    fieldProblems: roundProblems('title'),
    done: (_id, round) => `${ROUNDS}/${(round as Round).id}`,
  });

  mountFormStep(router, {
    url: '/admin/rounds/:id/edit',
    roles: ADMIN,
    dto: UpdateRoundDto,
    read: async ({ body }, id) => {
      const { command, problems } = readRoundForm(body, await timeZone());
      if (!command) return { command: null, problems };
      const round = await roundOrNull(id);
      // A round that is not there: the service says so, and the step shows the 404 page.
      return { command: round ? roundChanges(command, round) : command, problems };
    },
    run: async (user, id, changes) => {
      if (Object.keys(changes).length === 0) return null;
      try {
        return await rounds.update(id, withDates(changes) as RoundUpdate, actorFrom(user, Role.Admin));
      } catch (error) {
        throw frozenInWords(error);
      }
    },
    page: editPage,
    form: 'round',
    field: 'title',
    fieldProblems: roundProblems('title'),
    done: (id) => `${ROUNDS}/${id}`,
  });

  mountFormStep(router, {
    url: '/admin/rounds/:id/publish',
    roles: ADMIN,
    read: async () => ({ command: {}, problems: [] }),
    run: (user, id) => rounds.publish(id, actorFrom(user, Role.Admin)),
    page: roundPage,
    form: 'publish',
    field: 'publish',
    // The round's page has no boxes: each of the terms' problems links to the button, in the page's words.
    fieldProblems: (errors) => roundProblems('publish')(errors).map((p) => ({ ...p, field: 'publish' })),
    done: (id) => `${ROUNDS}/${id}`,
  });

  mountFormStep(router, {
    url: '/admin/rounds/:id/copy',
    roles: ADMIN,
    dto: CopyRoundDto,
    read: async ({ body }, id) => {
      const round = await roundOrNull(id);
      return readCopyForm(body, round ?? { title: '', fundYear: { id: '' } }, await timeZone());
    },
    run: (user, id, c) =>
      rounds.copy(
        id,
        { ...c, opensAt: new Date(c.opensAt), closesAt: new Date(c.closesAt) },
        actorFrom(user, Role.Admin),
      ),
    page: copyPage,
    form: 'copy',
    field: 'opensAt-day',
    fieldProblems: (errors) =>
      roundProblems('fundYearId')(errors).map((p) =>
        COPY_FIELDS.has(p.field) ? p : { ...p, field: 'fundYearId' },
      ),
    done: (_id, round) => `${ROUNDS}/${(round as Round).id}`,
  });
}
