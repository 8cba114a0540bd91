import { Actor } from '@grants/audit';
import { AuthUser } from './auth-user';
import { Role } from './role';

/** The most powerful role first: a staff account holding several acts in the one its route demanded most. */
const ACTING_ORDER: readonly Role[] = [Role.Admin, Role.Approver, Role.Finance, Role.Officer, Role.Applicant];

/**
 * Who the audit log says acted, and in which role. `acting` names the role a route requires when the user
 * holds it (an approver who is also an officer screening an application acts as officer); otherwise the
 * user's most powerful role. Applicants only ever hold the applicant role (staff roles exclude it).
 */
export function actorFrom(user: Pick<AuthUser, 'id' | 'roles'>, acting?: Role): Actor {
  if (acting !== undefined && user.roles.includes(acting)) return { userId: user.id, role: acting };
  const role = ACTING_ORDER.find((r) => user.roles.includes(r)) ?? Role.Applicant;
  return { userId: user.id, role };
}
