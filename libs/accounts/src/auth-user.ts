import { Role } from './role';

/** Who is making the request, as resolved by the session guard. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

export function isOfficer(user: AuthUser): boolean {
  return user.roles.some((r) => r !== Role.Applicant);
}
