import { FieldError } from '@grants/common';
import { Role } from './role';

/**
 * Rules for the roles an administrator gives. Applicants self-register; mixing the applicant role with an
 * officer role would let one person apply for and judge the same money.
 */
export function staffRoleProblems(
  roles: readonly Role[],
  approvalLimitPence: number | null | undefined,
): FieldError[] {
  const problems: FieldError[] = [];
  if (roles.length === 0) problems.push({ field: 'roles', message: 'must hold at least one role' });
  if (roles.includes(Role.Applicant)) {
    problems.push({ field: 'roles', message: 'staff accounts cannot hold the applicant role' });
  }
  if (new Set(roles).size !== roles.length)
    problems.push({ field: 'roles', message: 'must not repeat a role' });
  if (approvalLimitPence !== null && approvalLimitPence !== undefined && !roles.includes(Role.Approver)) {
    problems.push({ field: 'approvalLimitPence', message: 'only an approver has an approval limit' });
  }
  return problems;
}
