import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, isOfficer, Role } from '@grants/accounts';
import { MeasuresReportService } from '@grants/reporting';
import { RankingService } from '@grants/assessment';
import { ApprovePublicationDto, AwardPublicationsService } from '@grants/register';
import { RoundsService } from '@grants/rounds';
import { FormProblem } from './account-forms';
import { field, PORTAL_PREFIX } from './form-body';
import { mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

const hasRole = (user: AuthUser, roles: readonly Role[]): boolean =>
  user.roles.some((r) => roles.includes(r));

/** Who may read a round's ranking and a register preview: the roles the API's routes allow. */
const RANKING_ROLES = [Role.Officer, Role.Approver, Role.Finance, Role.Admin] as const;
const PREVIEW_ROLES = [Role.Officer, Role.Approver, Role.Admin] as const;
const APPROVE_ROLES = [Role.Officer, Role.Approver] as const;

/**
 * The views over many applications and over what the public will read: each round's ranking with the
 * line where the fund year's money runs out, and an award's register entry before it is published, with
 * the title and description an officer approves for it.
 */
export function mountOversightPages(app: NestFastifyApplication, router: PortalRouter): void {
  const ranking = app.get(RankingService);
  const rounds = app.get(RoundsService);
  const publications = app.get(AwardPublicationsService);
  const measures = app.get(MeasuresReportService);

  // The plan's success measures: what grants committed to, what accepted reports say, and their stories.
  router.signedIn('GET', '/reports/measures', async ({ user, request }) => {
    const query = request.query as Record<string, unknown>;
    const fundYearId = typeof query.fundYearId === 'string' ? query.fundYearId : undefined;
    const planId = typeof query.planId === 'string' ? query.planId : undefined;
    const id = fundYearId ?? planId;
    if (!isOfficer(user) || !id || !UUID.test(id) || (fundYearId && planId)) return notFound();
    const report = await unlessRefused(measures.report(fundYearId ? { fundYearId } : { planId }));
    if (!report) return notFound();
    const scope = report.scope.fundYear
      ? `${report.scope.fundYear.fundName} ${report.scope.fundYear.label}`
      : (report.scope.plan?.title ?? '');
    const objectives = [...new Map(report.measures.map((m) => [m.objectiveNumber, m])).values()];
    return {
      view: 'measures-report.njk',
      context: { title: `Success measures: ${scope}`, report, objectives },
    };
  });

  router.signedIn('GET', '/rankings', async ({ user }) => {
    if (!hasRole(user, RANKING_ROLES)) return notFound();
    const list = await rounds.list({ limit: 50 }, { includeDrafts: true });
    return { view: 'rankings.njk', context: { title: 'Rankings', rounds: list.items } };
  });

  router.signedIn('GET', '/rounds/:id/ranking', async ({ user, request }) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id) || !hasRole(user, RANKING_ROLES)) return notFound();
    const view = await unlessRefused(ranking.ranking(user, id));
    if (!view) return notFound();
    return { view: 'ranking.njk', context: { title: `Ranking: ${view.round.title}`, ranking: view } };
  });

  const previewPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    if (!UUID.test(id) || !hasRole(user, PREVIEW_ROLES)) return notFound();
    const preview = await unlessRefused(publications.preview(id));
    if (!preview) return notFound();
    const problems = typed?.problems ?? [];
    const text = preview.approvedText ?? preview.suggested;
    return {
      status: problems.length ? 400 : 200,
      view: 'publication-preview.njk',
      context: {
        title: 'What the register will say',
        preview,
        canApprove: hasRole(user, APPROVE_ROLES),
        values: typed
          ? { title: field(typed.body, 'title'), description: field(typed.body, 'description') }
          : text,
        base: `${PORTAL_PREFIX}/awards/${id}`,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };
  router.signedIn('GET', '/awards/:id/publication', async ({ user, request }) =>
    previewPage(user, (request.params as { id: string }).id),
  );
  mountFormStep(router, {
    url: '/awards/:id/publication',
    roles: APPROVE_ROLES,
    dto: ApprovePublicationDto,
    read: async ({ body }) => {
      const title = field(body, 'title').trim();
      const description = field(body, 'description').trim();
      const problems: FormProblem[] = [];
      if (!title) problems.push({ field: 'title', message: 'Enter the title the public will read' });
      if (!description)
        problems.push({ field: 'description', message: 'Enter the description the public will read' });
      return problems.length ? { command: null, problems } : { command: { title, description }, problems };
    },
    run: (user, id, c) => publications.approveText(user, id, c),
    page: previewPage,
    form: 'publication',
    field: 'title',
    done: (id) => `${PORTAL_PREFIX}/awards/${id}/publication`,
  });
}
