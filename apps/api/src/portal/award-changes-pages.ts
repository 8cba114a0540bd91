import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, Role } from '@grants/accounts';
import {
  AwardChangesService,
  AwardQueries,
  AwardView,
  MoneyMovementDto,
  PaymentsService,
  RevocationDto,
  VariationDto,
} from '@grants/awards';
import { OrganisationsService } from '@grants/organisations';
import { readRevocation, readVariation } from './award-changes-forms';
import { readMoneyMovement } from './award-forms';
import { timelineLines } from './award-timeline';
import { PORTAL_PREFIX } from './form-body';
import { FormStep, mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

/** Who may do what to an award in the state it is in: the roles are the API routes' @Roles. */
export const awardChanges = (user: AuthUser, award: AwardView) => ({
  recordReturn: user.roles.includes(Role.Finance) && award.paidPence > award.returnedPence,
  vary: user.roles.includes(Role.Approver) && ['offered', 'accepted'].includes(award.status),
  revoke: user.roles.includes(Role.Approver) && award.status === 'accepted',
});

type Change = keyof ReturnType<typeof awardChanges>;

/**
 * What happens to a grant after it is paid: finance records money the grant holder returns, an approver
 * varies the grant (a lower amount, a new end date) or revokes it for a breach, each on its own page; and
 * the grant's timeline, from the application's first save to now. The services keep the rules.
 */
export function mountAwardChangesPages(app: NestFastifyApplication, router: PortalRouter): void {
  const awards = app.get(AwardQueries);
  const payments = app.get(PaymentsService);
  const changes = app.get(AwardChangesService);
  const organisations = app.get(OrganisationsService);
  const toAward = (id: string) => `${PORTAL_PREFIX}/awards/${id}`;

  /** A page about one award, for those who may read it (and, for a change, may make it now). */
  const awardPage =
    (
      view: string,
      title: string,
      change: Change | null,
      extra: (user: AuthUser, id: string) => Promise<object>,
    ) =>
    async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
      const award = UUID.test(id) ? await unlessRefused(awards.get(user, id)) : null;
      if (!award || (change && !awardChanges(user, award)[change])) return notFound();
      const problems = typed?.problems ?? [];
      return {
        status: problems.length ? 400 : 200,
        view,
        context: {
          title,
          award,
          organisation: await organisations.get(user, award.organisationId),
          base: toAward(id),
          form: typed?.body ?? null,
          errors: errorList(problems),
          fieldErrors: fieldErrors(problems),
          ...(await extra(user, id)),
        },
      };
    };
  const get = (url: string, page: (user: AuthUser, id: string) => Promise<Page>) =>
    router.signedIn('GET', url, async ({ user, request }) =>
      page(user, (request.params as { id: string }).id),
    );
  const nothing = async () => ({});
  const act = <T extends object>(step: FormStep<T>): void => mountFormStep(router, step);

  const returnPage = awardPage('award-return.njk', 'Record money returned', 'recordReturn', nothing);
  get('/awards/:id/returns', returnPage);
  act({
    url: '/awards/:id/returns',
    roles: [Role.Finance],
    dto: MoneyMovementDto,
    read: async ({ body }) => readMoneyMovement(body, 'returned'),
    run: (user, id, c) => payments.recordReturn(user, id, c),
    page: returnPage,
    form: 'return',
    field: 'amount',
    done: toAward,
  });

  const varyPage = awardPage('award-vary.njk', 'Vary the grant', 'vary', async (user, id) => ({
    variations: await awards.variations(user, id),
  }));
  get('/awards/:id/variations', varyPage);
  act({
    url: '/awards/:id/variations',
    roles: [Role.Approver],
    dto: VariationDto,
    read: async ({ body }) => readVariation(body),
    run: (user, id, c) => changes.vary(user, id, c),
    page: varyPage,
    form: 'vary',
    field: 'amount',
    done: toAward,
  });

  const revokePage = awardPage('award-revoke.njk', 'Revoke the grant', 'revoke', nothing);
  get('/awards/:id/revoke', revokePage);
  act({
    url: '/awards/:id/revoke',
    roles: [Role.Approver],
    dto: RevocationDto,
    read: async ({ body }) => readRevocation(body),
    run: (user, id, c) => changes.revoke(user, id, c),
    page: revokePage,
    form: 'revoke',
    field: 'reason',
    done: toAward,
  });

  get(
    '/awards/:id/timeline',
    awardPage('award-timeline.njk', 'What has happened to this grant', null, async (user, id) => ({
      lines: timelineLines((await awards.timeline(user, id)).items),
    })),
  );
}
