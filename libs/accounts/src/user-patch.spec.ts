import { describe, expect, it } from 'vitest';
import { Role } from './role';
import { userPatchProblems } from './user-patch';

const ADMIN = '00000000-0000-4000-8000-00000000000a';
const officer = { id: '00000000-0000-4000-8000-000000000001', roles: [Role.Officer] };
const applicant = { id: '00000000-0000-4000-8000-000000000002', roles: [Role.Applicant] };
const admin = { id: ADMIN, roles: [Role.Admin] };

describe('userPatchProblems', () => {
  it('accepts a well-formed promotion with a limit', () => {
    expect(
      userPatchProblems(officer, { roles: [Role.Officer, Role.Approver], approvalLimitPence: 100 }, ADMIN),
    ).toEqual({ fields: [], rule: null });
  });

  it('refuses mixing the applicant role with an officer role', () => {
    const { fields } = userPatchProblems(applicant, { roles: [Role.Applicant, Role.Officer] }, ADMIN);
    expect(fields).toContainEqual({
      field: 'roles',
      message: 'an applicant cannot also hold an officer role',
    });
  });

  it('refuses turning an applicant into staff, or staff into an applicant', () => {
    const up = userPatchProblems(applicant, { roles: [Role.Officer] }, ADMIN);
    const down = userPatchProblems(officer, { roles: [Role.Applicant] }, ADMIN);
    for (const { fields } of [up, down]) {
      expect(fields).toContainEqual({
        field: 'roles',
        message: 'an applicant account cannot become a staff account, or the reverse',
      });
    }
  });

  it('refuses repeated staff roles', () => {
    const { fields } = userPatchProblems(officer, { roles: [Role.Officer, Role.Officer] }, ADMIN);
    expect(fields).toContainEqual({ field: 'roles', message: 'must not repeat a role' });
  });

  it('allows an approval limit only to an approver, judged on the roles after the patch', () => {
    expect(userPatchProblems(officer, { approvalLimitPence: 5 }, ADMIN).fields).toEqual([
      { field: 'approvalLimitPence', message: 'only an approver has an approval limit' },
    ]);
    expect(userPatchProblems(officer, { approvalLimitPence: null }, ADMIN).fields).toEqual([]);
    const approver = { ...officer, roles: [Role.Approver] };
    expect(userPatchProblems(approver, { approvalLimitPence: 5 }, ADMIN).fields).toEqual([]);
    expect(
      userPatchProblems(approver, { roles: [Role.Officer], approvalLimitPence: 5 }, ADMIN).fields,
    ).toHaveLength(1);
  });

  it('refuses a blank name', () => {
    expect(userPatchProblems(officer, { displayName: '   ' }, ADMIN).fields).toEqual([
      { field: 'displayName', message: 'should not be empty' },
    ]);
  });

  it('stops an administrator disabling themselves or dropping their own admin role', () => {
    expect(userPatchProblems(admin, { disabled: true }, ADMIN).rule).toMatch(/your own/);
    expect(userPatchProblems(admin, { roles: [Role.Officer] }, ADMIN).rule).toMatch(/your own/);
    expect(userPatchProblems(admin, { roles: [Role.Admin, Role.Officer] }, ADMIN).rule).toBeNull();
    expect(userPatchProblems(officer, { disabled: true }, ADMIN).rule).toBeNull();
  });
});
