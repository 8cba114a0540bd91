import { FieldError } from '@grants/common';
import { Role } from './role';
import { staffRoleProblems } from './staff-roles';
import { User } from './user.entity';

export interface UserPatch {
  roles?: Role[];
  displayName?: string;
  approvalLimitPence?: number | null;
  disabled?: boolean;
}

export interface UserPatchProblems {
  /** Per-field problems with the patch itself: a 400. */
  fields: FieldError[];
  /** A rule the patch would break even though every field is well formed: a 422. */
  rule: string | null;
}

/** What is wrong with an administrator's change to a user, if anything. */
export function userPatchProblems(
  user: Pick<User, 'id' | 'roles'>,
  patch: UserPatch,
  adminId: string,
): UserPatchProblems {
  const fields: FieldError[] = [];
  const roles = patch.roles ?? user.roles;
  if (patch.roles) {
    const isApplicant = patch.roles.includes(Role.Applicant);
    if (isApplicant && patch.roles.length > 1) {
      fields.push({ field: 'roles', message: 'an applicant cannot also hold an officer role' });
    } else if (!isApplicant) {
      fields.push(...staffRoleProblems(patch.roles, undefined).filter((p) => p.field === 'roles'));
    }
    // Applicants self-register and officers are vouched for: one never turns into the other.
    if (user.roles.includes(Role.Applicant) !== isApplicant) {
      fields.push({
        field: 'roles',
        message: 'an applicant account cannot become a staff account, or the reverse',
      });
    }
  }
  if (
    patch.approvalLimitPence !== undefined &&
    patch.approvalLimitPence !== null &&
    !roles.includes(Role.Approver)
  ) {
    fields.push({ field: 'approvalLimitPence', message: 'only an approver has an approval limit' });
  }
  if (patch.displayName !== undefined && !patch.displayName.trim()) {
    fields.push({ field: 'displayName', message: 'should not be empty' });
  }
  // An administrator cannot lock themselves (and perhaps everyone) out.
  const locksSelfOut =
    user.id === adminId &&
    (patch.disabled === true || (patch.roles !== undefined && !patch.roles.includes(Role.Admin)));
  return {
    fields,
    rule: locksSelfOut ? 'You cannot disable your own account or remove your own admin role' : null,
  };
}
