/** Roles from the HTTP contract. A user may hold several officer roles; applicants self-register. */
export enum Role {
  Applicant = 'applicant',
  Officer = 'officer',
  Approver = 'approver',
  Finance = 'finance',
  Admin = 'admin',
}

export const OFFICER_ROLES: readonly Role[] = [Role.Officer, Role.Approver, Role.Finance, Role.Admin];

export function isRole(value: string): value is Role {
  return (Object.values(Role) as string[]).includes(value);
}
