import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthUser, actorFrom, Role } from '@grants/accounts';
import { DomainError, ErrorCode, formatPence } from '@grants/common';
import {
  CreateFundDto,
  CreateFundingSourceDto,
  CreateFundYearDto,
  FundsService,
  FundWithYears,
  SetToleranceDto,
} from '@grants/funds';
import {
  FUND_FIELDS,
  FUND_YEAR_FIELDS,
  fieldProblemsOn,
  PageField,
  pageFieldIn,
  readFund,
  readFundYear,
  readSource,
  readTolerance,
  SOURCE_FIELDS,
  SOURCE_KIND_CHOICES,
  SOURCE_KIND_LABELS,
  TOLERANCE_FIELDS,
} from './admin-fund-forms';
import { poundsText } from './application-form';
import { PORTAL_PREFIX } from './form-body';
import { FormStep, mountFormStep, TypedForm } from './form-step';
import { errorList, fieldErrors, notFound, Page, PortalRouter, unlessRefused, UUID } from './portal-router';

/** The roles the API's routes for funds allow (funds.controller.ts): administrators only. */
const ADMIN = [Role.Admin] as const;
const FUNDS = `${PORTAL_PREFIX}/admin/funds`;
const isAdmin = (user: AuthUser): boolean => user.roles.includes(Role.Admin);

/** The form's state for the page: what was typed and its problems, or nothing to show again. */
function formState(typed: TypedForm | undefined, form: string) {
  const mine = typed?.form === form;
  const problems = mine ? typed.problems : [];
  return {
    form: mine ? (typed.body ?? {}) : null,
    fieldErrors: fieldErrors(problems),
  };
}

/** The service's refusal of a tolerance below what is committed, in pounds rather than pence. */
function toleranceInPounds(error: unknown, tolerancePence: number): unknown {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.Conflict) return error;
  const { netCommittedPence: net, capPence: cap } = error.details;
  if (typeof net !== 'number' || typeof cap !== 'number') return error;
  return new DomainError(
    ErrorCode.Conflict,
    `The year has ${formatPence(net)} committed: more than its cap of ${formatPence(cap)} and a tolerance of ` +
      `${formatPence(tolerancePence)} allow`,
    error.details,
  );
}

/**
 * Administration of the money: the funds, each fund's financial years with their caps, where each year's
 * money comes from, and how far its commitments may run over the cap. Each page reads and writes through
 * FundsService, as the API's funds routes do, so its rules (no two years of a fund overlapping, one label
 * a year, a tolerance no lower than what is committed) are enforced once and shown in its words.
 */
export function mountAdminFundPages(app: NestFastifyApplication, router: PortalRouter): void {
  const funds = app.get(FundsService);

  const fundsPage = async (user: AuthUser, typed?: TypedForm): Promise<Page> => {
    if (!isAdmin(user)) return notFound();
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-funds.njk',
      context: {
        title: 'Funds',
        funds: await funds.listFunds(),
        ...formState(typed, 'fund'),
        errors: errorList(problems),
      },
    };
  };

  /** A fund with each year's money as the ledger has it (the position read the API gives). */
  const fundPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    if (!isAdmin(user) || !UUID.test(id)) return notFound();
    const fund = await unlessRefused(funds.getFund(id));
    if (!fund) return notFound();
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-fund.njk',
      context: {
        title: fund.name,
        fund,
        years: await positions(fund),
        ...formState(typed, 'year'),
        errors: errorList(problems),
      },
    };
  };

  const positions = (fund: FundWithYears) =>
    Promise.all(
      fund.years.map(async (year) => ({
        year,
        position: await funds.position(year.id),
      })),
    );

  const fundYearPage = async (user: AuthUser, id: string, typed?: TypedForm): Promise<Page> => {
    if (!isAdmin(user) || !UUID.test(id)) return notFound();
    const position = await unlessRefused(funds.position(id));
    if (!position) return notFound();
    const fund = await funds.getFund(position.fundYear.fundId);
    const problems = typed?.problems ?? [];
    const source = formState(typed, 'source');
    const tolerance = formState(typed, 'tolerance');
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-fund-year.njk',
      context: {
        title: `${fund.name} ${position.fundYear.label}`,
        fund,
        position,
        kindLabels: SOURCE_KIND_LABELS,
        kindChoices: SOURCE_KIND_CHOICES,
        sourceForm: source.form,
        toleranceForm: tolerance.form ?? {
          toleranceAmount: poundsText(position.overAllocationTolerancePence),
        },
        fieldErrors: { ...source.fieldErrors, ...tolerance.fieldErrors },
        errors: errorList(problems),
      },
    };
  };

  router.signedIn('GET', '/admin/funds', async ({ user }) => fundsPage(user));
  router.signedIn('GET', '/admin/funds/:id', async ({ user, request }) =>
    fundPage(user, (request.params as { id: string }).id),
  );
  router.signedIn('GET', '/admin/fund-years/:id', async ({ user, request }) =>
    fundYearPage(user, (request.params as { id: string }).id),
  );

  /** An administrator's form on one of these pages: the service's problems beside the boxes they are about. */
  const adminStep = <T extends object>(
    step: Omit<FormStep<T>, 'roles' | 'fieldProblems'> & { fields: Record<string, PageField> },
  ): void =>
    mountFormStep(router, {
      ...step,
      roles: ADMIN,
      fieldProblems: fieldProblemsOn(pageFieldIn(step.fields), step.field),
    });

  adminStep({
    url: '/admin/funds',
    dto: CreateFundDto,
    read: async ({ body }) => readFund(body),
    run: (user, _id, c) => funds.createFund(c, actorFrom(user, Role.Admin)),
    page: (user, _id, typed) => fundsPage(user, typed),
    form: 'fund',
    field: 'key',
    fields: FUND_FIELDS,
    done: (_id, fund) => `${FUNDS}/${(fund as FundWithYears).id}`,
  });

  adminStep({
    url: '/admin/funds/:id/years',
    dto: CreateFundYearDto,
    read: async ({ body }) => readFundYear(body),
    run: (user, id, c) => funds.addYear(id, c, actorFrom(user, Role.Admin)),
    page: fundPage,
    form: 'year',
    field: 'label',
    fields: FUND_YEAR_FIELDS,
    done: (id) => `${FUNDS}/${id}`,
  });

  adminStep({
    url: '/admin/fund-years/:id/sources',
    dto: CreateFundingSourceDto,
    read: async ({ body }) => readSource(body),
    run: (user, id, c) => funds.addSource(id, c, actorFrom(user, Role.Admin)),
    page: fundYearPage,
    form: 'source',
    field: 'sourceName',
    fields: SOURCE_FIELDS,
    done: (id) => `${PORTAL_PREFIX}/admin/fund-years/${id}`,
  });

  adminStep({
    url: '/admin/fund-years/:id/tolerance',
    dto: SetToleranceDto,
    read: async ({ body }) => readTolerance(body),
    run: async (user, id, c) => {
      try {
        return await funds.setTolerance(id, c, actorFrom(user, Role.Admin));
      } catch (error) {
        throw toleranceInPounds(error, c.overAllocationTolerancePence);
      }
    },
    page: fundYearPage,
    form: 'tolerance',
    field: 'toleranceAmount',
    fields: TOLERANCE_FIELDS,
    done: (id) => `${PORTAL_PREFIX}/admin/fund-years/${id}`,
  });
}
