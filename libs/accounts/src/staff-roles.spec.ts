import { describe, expect, it } from 'vitest';
import { Role } from './role';
import { staffRoleProblems } from './staff-roles';

describe('staff roles', () => {
  it('accepts officer roles, several at once, and a limit for approvers', () => {
    expect(staffRoleProblems([Role.Officer, Role.Finance], undefined)).toEqual([]);
    expect(staffRoleProblems([Role.Approver], 500_000)).toEqual([]);
    expect(staffRoleProblems([Role.Approver], null)).toEqual([]);
  });

  it('refuses no roles, the applicant role and repeats', () => {
    expect(staffRoleProblems([], undefined)).toEqual([
      { field: 'roles', message: 'must hold at least one role' },
    ]);
    expect(staffRoleProblems([Role.Applicant, Role.Officer], undefined)[0]?.message).toMatch(/applicant/);
    expect(staffRoleProblems([Role.Admin, Role.Admin], undefined)[0]?.message).toMatch(/repeat/);
  });

  it('refuses an approval limit for someone who does not approve', () => {
    expect(staffRoleProblems([Role.Officer], 100)).toEqual([
      { field: 'approvalLimitPence', message: 'only an approver has an approval limit' },
    ]);
  });
});
