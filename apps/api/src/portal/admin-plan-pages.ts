import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import {
  AimWithObjectives,
  CreateAimDto,
  CreateMeasureDto,
  CreateObjectiveDto,
  CreatePlanVersionDto,
  ObjectiveWithMeasures,
  PlanDetail,
  PlansService,
  PlanVersion,
  PlanVersionTree,
  SuccessMeasure,
  UpdateAimDto,
  UpdateMeasureDto,
  UpdateObjectiveDto,
  UpdatePlanVersionDto,
} from '@grants/plans';
import { FormProblem } from './account-forms';
import {
  MAX_PLAN_NUMBER,
  MEASURE_UNIT_CHOICES,
  MEASURE_UNIT_LABELS,
  planRefusal,
  readAim,
  readMeasure,
  readNewVersion,
  readObjective,
  readVersionDetails,
} from './admin-plan-forms';
import { dateParts, parseDateInput } from './application-form';
import { field, PORTAL_PREFIX } from './form-body';
import { FormStep, mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

const versionHref = (id: string): string => `${PORTAL_PREFIX}/admin/plan-versions/${id}`;
const DRAFTS = { includeDrafts: true };
/** Where a problem about the version as a whole (it is published, say) links to on its page. */
const VERSION_DETAILS = 'version-details';

type Loaded = Omit<PlanDetail, 'current'> & { tree: PlanVersionTree };
type Query = Record<string, unknown> | undefined;

/** What one form page shows: its template, its title and what the template needs beyond the furniture. */
interface FormView {
  view: string;
  title: string;
  context: Record<string, unknown>;
}

const problemsContext = (problems: FormProblem[]) => ({
  errors: errorList(problems),
  fieldErrors: fieldErrors(problems),
});

/** What a form shows: what was typed into it, or else what is stored. */
const valuesOf = (typed: TypedForm | undefined, form: string, stored: Record<string, unknown>) =>
  typed?.form === form ? (typed.body ?? {}) : stored;

const objectivesOf = (tree: PlanVersionTree): ObjectiveWithMeasures[] =>
  tree.aims.flatMap((a) => a.objectives);

/** "Version 2: Revised plan", or the name alone when it says the number already ("Version 2 (draft)"). */
const versionTitle = ({ number, label }: PlanVersion): string =>
  label.startsWith(`Version ${number}`) ? label : `Version ${number}: ${label}`;

const next = (numbers: number[]): string => String(Math.min(MAX_PLAN_NUMBER, Math.max(0, ...numbers) + 1));

/**
 * Administration of the Police and Crime Plan: every plan with its versions; a version's aims, objectives
 * under each aim and success measures under each objective; and, while a version is a draft, its details,
 * aims, objectives and measures added, changed and removed, and the draft published. Each form is on its own
 * page and goes to the plans service the API's admin routes call, which keeps every rule: a published
 * version never changes (its refusal is shown on the version's page, which then offers no form), an aim
 * with objectives is not removed, numbers and codes are not taken twice.
 */
export function mountAdminPlanPages(app: NestFastifyApplication, router: PortalRouter): void {
  const plans = app.get(PlansService);
  const isAdmin = (user: AuthUser): boolean => user.roles.includes(Role.Admin);
  const actor = (user: AuthUser) => actorFrom(user, Role.Admin);

  // ---- reads ----

  /** A version with its plan (and the plan's other versions), or null when there is none. */
  const loadVersion = async (versionId: string | null): Promise<Loaded | null> => {
    if (!versionId || !UUID.test(versionId)) return null;
    const version = await plans.findVersion(versionId);
    if (!version) return null;
    const { current, ...plan } = await plans.getPlan(version.planId, DRAFTS, version.number);
    return current ? { ...plan, tree: current } : null;
  };
  const versionOfAim = async (id: string): Promise<string | null> =>
    UUID.test(id) ? ((await plans.findAim(id))?.planVersionId ?? null) : null;
  const versionOfObjective = async (id: string): Promise<string | null> =>
    UUID.test(id) ? ((await plans.objectivesByIds([id]))[0]?.planVersionId ?? null) : null;
  const versionOfMeasure = async (id: string): Promise<string | null> => {
    const [measure] = UUID.test(id) ? await plans.measuresByIds([id]) : [];
    return measure ? versionOfObjective(measure.objectiveId) : null;
  };
  /** The tree of the version something belongs to, for a form's choices (empty when it has gone). */
  const treeOf = async (versionId: string | null): Promise<PlanVersionTree | null> =>
    versionId ? unlessRefused(plans.getVersionTree(versionId)) : null;

  // ---- pages ----

  router.signedIn('GET', '/admin/plans', async ({ user }) => {
    if (!isAdmin(user)) return notFound();
    const all = await plans.listPlans(DRAFTS);
    return {
      view: 'admin-plans.njk',
      context: {
        title: 'Police and Crime Plan',
        plans: all.map((p) => ({ ...p, draft: p.versions.find((v) => v.status === 'draft') ?? null })),
      },
    };
  });

  /** A version's page: read-only once published; a refusal from any of its forms is shown at its top. */
  const versionView = (loaded: Loaded, problems: FormProblem[]): Page => {
    const { tree } = loaded;
    const draft = tree.version.status === 'draft';
    const shown = problems.map((p) =>
      draft && p.field === 'publish' ? p : { ...p, field: VERSION_DETAILS },
    );
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-plan-version.njk',
      context: {
        title: versionTitle(tree.version),
        plan: loaded,
        version: tree.version,
        aims: tree.aims,
        draft,
        base: versionHref(tree.version.id),
        unitNames: MEASURE_UNIT_LABELS,
        ...problemsContext(shown),
      },
    };
  };
  const versionPage = async (user: AuthUser, id: string, problems: FormProblem[] = []): Promise<Page> => {
    if (!isAdmin(user)) return notFound();
    const loaded = await loadVersion(id);
    return loaded ? versionView(loaded, problems) : notFound();
  };
  router.signedIn('GET', '/admin/plan-versions/:id', async ({ user, request }) =>
    versionPage(user, (request.params as { id: string }).id),
  );

  /**
   * A page with one form about a draft version (its details, an aim, an objective, a measure), with what
   * was typed and its problems. Once the version is published nothing about it can change, so the
   * version's own page is shown instead, with the service's refusal when a form was sent.
   */
  const formPage = async (
    user: AuthUser,
    versionId: string | null,
    typed: TypedForm | undefined,
    build: (loaded: Loaded) => FormView | null,
  ): Promise<Page> => {
    if (!isAdmin(user)) return notFound();
    const loaded = await loadVersion(versionId);
    if (!loaded) return notFound();
    const problems = typed?.problems ?? [];
    if (loaded.tree.version.status !== 'draft') return versionView(loaded, problems);
    const built = build(loaded);
    if (!built) return notFound();
    return {
      status: problems.length ? 400 : 200,
      view: built.view,
      context: {
        title: built.title,
        plan: loaded,
        version: loaded.tree.version,
        back: versionHref(loaded.tree.version.id),
        typedForm: typed?.form ?? null,
        ...built.context,
        ...problemsContext(problems),
      },
    };
  };

  const newVersionPage = async (user: AuthUser, planId: string, typed?: TypedForm): Promise<Page> => {
    if (!isAdmin(user) || !UUID.test(planId)) return notFound();
    const plan = await unlessRefused(plans.getPlan(planId, DRAFTS));
    if (!plan) return notFound();
    const problems = typed?.problems ?? [];
    const latest = plan.versions.at(-1);
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-plan-version-new.njk',
      context: {
        title: 'Start a new version of the plan',
        plan,
        latest,
        draft: plan.versions.find((v) => v.status === 'draft') ?? null,
        nextNumber: (latest?.number ?? 0) + 1,
        values: valuesOf(typed, 'new-version', {}),
        ...problemsContext(problems),
      },
    };
  };

  const detailsPage = (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, id, typed, ({ tree: { version } }) => ({
      view: 'admin-plan-version-details.njk',
      title: `Change version ${version.number}’s details`,
      context: {
        values:
          typed?.form === 'details'
            ? {
                label: field(typed.body, 'label'),
                notes: field(typed.body, 'notes'),
                effectiveFrom: parseDateInput(typed.body, 'effectiveFrom').parts,
              }
            : {
                label: version.label,
                notes: version.notes ?? '',
                effectiveFrom: dateParts(version.effectiveFrom),
              },
      },
    }));

  const aimForm = (aim: AimWithObjectives | null, loaded: Loaded, typed?: TypedForm): FormView => ({
    view: 'admin-plan-aim.njk',
    title: aim ? `Change aim ${aim.code}` : 'Add an aim',
    context: {
      aim,
      action: aim
        ? `${PORTAL_PREFIX}/admin/aims/${aim.id}`
        : `${versionHref(loaded.tree.version.id)}/aims/new`,
      values: valuesOf(
        typed,
        'aim',
        aim
          ? { code: aim.code, title: aim.title, position: String(aim.position) }
          : { position: next(loaded.tree.aims.map((a) => a.position)) },
      ),
    },
  });
  const newAimPage = (user: AuthUser, versionId: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, versionId, typed, (loaded) => aimForm(null, loaded, typed));
  const aimPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, await versionOfAim(id), typed, (loaded) => {
      const aim = loaded.tree.aims.find((a) => a.id === id);
      return aim ? aimForm(aim, loaded, typed) : null;
    });

  const objectiveForm = (
    objective: ObjectiveWithMeasures | null,
    loaded: Loaded,
    typed: TypedForm | undefined,
    aimId: unknown,
  ): FormView => ({
    view: 'admin-plan-objective.njk',
    title: objective ? `Change objective ${objective.number}` : 'Add an objective',
    context: {
      objective,
      action: objective
        ? `${PORTAL_PREFIX}/admin/objectives/${objective.id}`
        : `${versionHref(loaded.tree.version.id)}/objectives/new`,
      aimChoices: loaded.tree.aims.map((a) => ({ value: a.id, text: `${a.code}: ${a.title}` })),
      values: valuesOf(
        typed,
        'objective',
        objective
          ? {
              aimId: objective.aimId,
              number: String(objective.number),
              title: objective.title,
              description: objective.description,
            }
          : { aimId, number: next(objectivesOf(loaded.tree).map((o) => o.number)) },
      ),
    },
  });
  const newObjectivePage = (user: AuthUser, versionId: string, typed?: TypedForm, query?: Query) =>
    formPage(user, versionId, typed, (loaded) => objectiveForm(null, loaded, typed, query?.aimId));
  const objectivePage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, await versionOfObjective(id), typed, (loaded) => {
      const objective = objectivesOf(loaded.tree).find((o) => o.id === id);
      return objective ? objectiveForm(objective, loaded, typed, null) : null;
    });

  const measureForm = (
    objective: ObjectiveWithMeasures,
    measure: SuccessMeasure | null,
    loaded: Loaded,
    typed?: TypedForm,
  ): FormView => ({
    view: 'admin-plan-measure.njk',
    title: measure
      ? `Change success measure ${measure.code}`
      : `Add a success measure to objective ${objective.number}`,
    context: {
      objective,
      measure,
      action: measure
        ? `${PORTAL_PREFIX}/admin/success-measures/${measure.id}`
        : `${PORTAL_PREFIX}/admin/objectives/${objective.id}/measures/new`,
      unitChoices: MEASURE_UNIT_CHOICES,
      objectiveChoices: objectivesOf(loaded.tree).map((o) => ({
        value: o.id,
        text: `${o.number}: ${o.title}`,
      })),
      // Adding, the next code after the objective's last; changing, any code of the objective's.
      example: `${objective.number}.${measure ? 1 : objective.measures.length + 1}`,
      values: valuesOf(
        typed,
        'measure',
        measure
          ? {
              code: measure.code,
              description: measure.description,
              unit: measure.unit,
              objectiveId: objective.id,
            }
          : {},
      ),
    },
  });
  const newMeasurePage = async (user: AuthUser, objectiveId: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, await versionOfObjective(objectiveId), typed, (loaded) => {
      const objective = objectivesOf(loaded.tree).find((o) => o.id === objectiveId);
      return objective ? measureForm(objective, null, loaded, typed) : null;
    });
  const measurePage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> =>
    formPage(user, await versionOfMeasure(id), typed, (loaded) => {
      const objective = objectivesOf(loaded.tree).find((o) => o.measures.some((m) => m.id === id));
      const measure = objective?.measures.find((m) => m.id === id);
      return objective && measure ? measureForm(objective, measure, loaded, typed) : null;
    });

  const show = (
    url: string,
    page: (user: AuthUser, id: string, typed?: TypedForm, query?: Query) => Promise<Page>,
  ) =>
    router.signedIn('GET', url, async ({ user, request }) =>
      page(user, (request.params as { id: string }).id, undefined, request.query as Query),
    );
  show('/admin/plans/:id/new-version', newVersionPage);
  show('/admin/plan-versions/:id/details', detailsPage);
  show('/admin/plan-versions/:id/aims/new', newAimPage);
  show('/admin/aims/:id', aimPage);
  show('/admin/plan-versions/:id/objectives/new', newObjectivePage);
  show('/admin/objectives/:id', objectivePage);
  show('/admin/objectives/:id/measures/new', newMeasurePage);
  show('/admin/success-measures/:id', measurePage);

  // ---- forms: each the API's admin route's command, checked against its DTO ----

  const act = <T extends object, R>(step: Omit<FormStep<T, R>, 'roles' | 'refusal'>): void =>
    mountFormStep(router, { ...step, roles: [Role.Admin], refusal: planRefusal });
  const nothing = async () => ({ command: {}, problems: [] });
  const anchored = (versionId: string | null, anchor = ''): string =>
    versionId ? `${versionHref(versionId)}${anchor}` : `${PORTAL_PREFIX}/admin/plans`;
  /** Removing an aim, objective or measure: the version it is in is found first, to go back to. */
  const removal = (
    url: string,
    versionOf: (id: string) => Promise<string | null>,
    remove: (user: AuthUser, id: string) => Promise<void>,
    page: (user: AuthUser, id: string, typed?: TypedForm) => Promise<Page>,
  ): void =>
    act({
      url: `${url}/remove`,
      dto: null,
      read: nothing,
      run: async (user, id) => {
        const versionId = await versionOf(id);
        await remove(user, id);
        return versionId;
      },
      page,
      form: 'remove',
      field: 'remove',
      done: (_id, versionId) => anchored(versionId),
    });
  const aimIdsOf = async (versionId: string | null) => (await treeOf(versionId))?.aims.map((a) => a.id) ?? [];

  act({
    url: '/admin/plans/:id/new-version',
    dto: CreatePlanVersionDto,
    read: async ({ body }) => readNewVersion(body),
    run: (user, id, c) => plans.createVersion(id, c, actor(user)),
    page: newVersionPage,
    form: 'new-version',
    field: 'label',
    done: (_id, tree) => versionHref(tree.version.id),
  });
  act({
    url: '/admin/plan-versions/:id/details',
    dto: UpdatePlanVersionDto,
    read: async ({ body }) => readVersionDetails(body),
    run: (user, id, c) => plans.updateVersion(id, c, actor(user)),
    page: detailsPage,
    form: 'details',
    field: 'label',
    done: versionHref,
  });
  act({
    url: '/admin/plan-versions/:id/publish',
    dto: null,
    read: nothing,
    run: (user, id) => plans.publishVersion(id, actor(user)),
    page: (user, id, typed) => versionPage(user, id, typed.problems),
    form: 'publish',
    field: 'publish',
    done: versionHref,
  });

  act({
    url: '/admin/plan-versions/:id/aims/new',
    dto: CreateAimDto,
    read: async ({ body }) => readAim(body),
    run: (user, id, c) => plans.addAim(id, c, actor(user)),
    page: newAimPage,
    form: 'aim',
    field: 'code',
    done: (id, aim) => anchored(id, `#aim-${aim.id}`),
  });
  act({
    url: '/admin/aims/:id',
    dto: UpdateAimDto,
    read: async ({ body }) => readAim(body),
    run: (user, id, c) => plans.updateAim(id, c, actor(user)),
    page: aimPage,
    form: 'aim',
    field: 'code',
    done: (id, aim) => anchored(aim.planVersionId, `#aim-${id}`),
  });
  removal('/admin/aims/:id', versionOfAim, (user, id) => plans.deleteAim(id, actor(user)), aimPage);

  act({
    url: '/admin/plan-versions/:id/objectives/new',
    dto: CreateObjectiveDto,
    read: async ({ body }, id) => readObjective(body, await aimIdsOf(id)),
    run: (user, id, c) => plans.addObjective(id, c, actor(user)),
    page: newObjectivePage,
    form: 'objective',
    field: 'number',
    done: (id, objective) => anchored(id, `#objective-${objective.id}`),
  });
  act({
    url: '/admin/objectives/:id',
    dto: UpdateObjectiveDto,
    read: async ({ body }, id) => readObjective(body, await aimIdsOf(await versionOfObjective(id))),
    run: (user, id, c) => plans.updateObjective(id, c, actor(user)),
    page: objectivePage,
    form: 'objective',
    field: 'number',
    done: (id, objective) => anchored(objective.planVersionId, `#objective-${id}`),
  });
  removal(
    '/admin/objectives/:id',
    versionOfObjective,
    (user, id) => plans.deleteObjective(id, actor(user)),
    objectivePage,
  );

  act({
    url: '/admin/objectives/:id/measures/new',
    dto: CreateMeasureDto,
    read: async ({ body }) => readMeasure(body),
    run: async (user, id, c) => {
      const measure = await plans.addMeasure(id, c, actor(user));
      return anchored(await versionOfObjective(id), `#objective-${measure.objectiveId}`);
    },
    page: newMeasurePage,
    form: 'measure',
    field: 'code',
    done: (_id, href) => href,
  });
  act({
    url: '/admin/success-measures/:id',
    dto: UpdateMeasureDto,
    read: async ({ body }, id) => {
      const tree = await treeOf(await versionOfMeasure(id));
      return readMeasure(body, tree ? objectivesOf(tree).map((o) => o.id) : []);
    },
    run: async (user, id, c) => {
      const measure = await plans.updateMeasure(id, c, actor(user));
      return anchored(await versionOfObjective(measure.objectiveId), `#objective-${measure.objectiveId}`);
    },
    page: measurePage,
    form: 'measure',
    field: 'code',
    done: (_id, href) => href,
  });
  removal(
    '/admin/success-measures/:id',
    versionOfMeasure,
    (user, id) => plans.deleteMeasure(id, actor(user)),
    measurePage,
  );
}
