import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AuthUser,
  CreateUserDto,
  OFFICER_ROLES,
  Role,
  StaffUsersService,
  UpdateUserDto,
  UserPatch,
} from '@grants/accounts';
import { FormProblem } from './account-forms';
import { parsePounds } from './application-form';
import { refusalProblems } from './case-forms';
import { field, fields, FormBody, PORTAL_PREFIX } from './form-body';
import { mountFormStep, TypedForm } from './form-step';
import { dtoErrors } from '../http/validation';
import { errorList, fieldErrors, isRefusal, notFound, Page, PortalRouter, redirect } from './portal-router';

const ROLE_NAMES: Record<string, string> = {
  officer: 'Officer: screens, assesses, recommends, checks conditions and reports',
  approver: 'Approver: decides, up to an approval limit',
  finance: 'Finance: records payments and returns',
  admin: 'Administrator: manages staff accounts',
};
const ROLE_CHOICES = OFFICER_ROLES.map((value) => ({ value, text: ROLE_NAMES[value] ?? value }));
const USERS = `${PORTAL_PREFIX}/admin/users`;

/** The roles ticked on a form: staff roles only, as the API's DTOs allow. */
const rolesOf = (body: FormBody | undefined): Role[] =>
  [...new Set(fields(body, 'roles'))].filter((r): r is Role =>
    (OFFICER_ROLES as readonly string[]).includes(r),
  );

/**
 * Administration of the people who run the fund: every staff account with its roles, a form to add one
 * (the staff member sets their own password from the emailed link), and each account's roles changed or
 * the account disabled. The accounts service keeps the rules (an administrator cannot lock themselves out).
 */
export function mountAdminPages(app: NestFastifyApplication, router: PortalRouter): void {
  const staff = app.get(StaffUsersService);
  const isAdmin = (user: AuthUser): boolean => user.roles.includes(Role.Admin);

  const usersPage = async (user: AuthUser, typed?: TypedForm & { userId?: string }): Promise<Page> => {
    if (!isAdmin(user)) return notFound();
    const users = (await staff.listUsers({ limit: 200 })).items.filter((u) =>
      u.roles.some((r) => r !== Role.Applicant),
    );
    const problems = typed?.problems ?? [];
    return {
      status: problems.length ? 400 : 200,
      view: 'admin-users.njk',
      context: {
        title: 'Staff accounts',
        users: users.map((u) => ({
          ...u,
          roleChoices: ROLE_CHOICES.map((c) => ({ ...c, checked: u.roles.includes(c.value) })),
        })),
        roleChoices: ROLE_CHOICES.map((c) => ({
          ...c,
          checked: typed?.form === 'create' && rolesOf(typed.body).includes(c.value),
        })),
        typedForm: typed?.form ?? null,
        form: typed?.body ?? null,
        errors: errorList(problems),
        fieldErrors: fieldErrors(problems),
      },
    };
  };

  router.signedIn('GET', '/admin/users', async ({ user }) => usersPage(user));

  // Adding an account has no id in its path, so it is its own route; the steps below change one account.
  router.signedIn('POST', '/admin/users', async ({ user, body, reply }) => {
    if (!isAdmin(user)) return notFound();
    const again = (problems: FormProblem[]) => usersPage(user, { form: 'create', body, problems });
    const displayName = field(body, 'displayName').trim();
    const email = field(body, 'email').trim();
    const roles = rolesOf(body);
    const limitText = field(body, 'approvalLimit').trim();
    const approvalLimitPence = limitText ? parsePounds(limitText) : null;
    const problems: FormProblem[] = [];
    if (!displayName) problems.push({ field: 'displayName', message: 'Enter their full name' });
    if (!email) problems.push({ field: 'email', message: 'Enter their email address' });
    if (roles.length === 0) problems.push({ field: 'roles', message: 'Select at least one role' });
    if (limitText && approvalLimitPence === null) {
      problems.push({ field: 'approvalLimit', message: 'Enter the approval limit in pounds, like 25000' });
    }
    if (problems.length) return again(problems);
    const input = {
      displayName,
      email,
      roles,
      ...(approvalLimitPence !== null ? { approvalLimitPence } : {}),
    };
    const invalid = await dtoErrors(CreateUserDto, input);
    if (invalid.length)
      return again(
        invalid.map((e) => ({
          field: e.field === 'email' ? 'email' : 'displayName',
          message: `${e.field} ${e.message}`,
        })),
      );
    try {
      await staff.createUser(user, input);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return again(refusalProblems(error, 'email'));
    }
    return redirect(reply, USERS);
  });

  mountFormStep<UserPatch>(router, {
    url: '/admin/users/:id',
    roles: [Role.Admin],
    dto: UpdateUserDto,
    read: async ({ body }) => {
      if (field(body, 'action') === 'disable') return { command: { disabled: true }, problems: [] };
      if (field(body, 'action') === 'enable') return { command: { disabled: false }, problems: [] };
      const roles = rolesOf(body);
      return roles.length
        ? { command: { roles }, problems: [] }
        : { command: null, problems: [{ field: 'users', message: 'Select at least one role' }] };
    },
    run: (user, id, c) => staff.updateUser(user, id, c),
    page: (user, _id, typed) => usersPage(user, typed),
    form: 'update',
    field: 'users',
    done: () => USERS,
  });
}
