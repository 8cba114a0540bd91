import { randomBytes } from 'node:crypto';
import { Role, StaffUsersService } from '@grants/accounts';

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  /** The password set now, or null when the account already existed and kept its own. */
  password: string | null;
  created: boolean;
}

/** One account per officer role, so someone trying the service can walk a grant through every step. */
export const DEMO_STAFF: { local: string; displayName: string; roles: Role[] }[] = [
  { local: 'admin', displayName: 'Demo Administrator', roles: [Role.Admin] },
  { local: 'officer', displayName: 'Demo Grants Officer', roles: [Role.Officer] },
  { local: 'approver', displayName: 'Demo Approver', roles: [Role.Approver] },
  { local: 'finance', displayName: 'Demo Finance Officer', roles: [Role.Finance] },
];

/**
 * Demo officer accounts at the funder's own mail domain (demo-admin@<domain>, ...), through
 * StaffUsersService.createStaffUser, which is find-or-create: a second run changes nothing.
 */
export async function seedDemoUsers(
  accounts: Pick<StaffUsersService, 'createStaffUser'>,
  contactEmail: string,
): Promise<DemoUser[]> {
  const domain = contactEmail.split('@')[1] ?? 'example.org';
  const out: DemoUser[] = [];
  for (const staff of DEMO_STAFF) {
    const email = `demo-${staff.local}@${domain}`;
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    const { created } = await accounts.createStaffUser({
      email,
      displayName: staff.displayName,
      roles: staff.roles,
      approvalLimitPence: staff.roles.includes(Role.Approver) ? null : undefined,
      password,
    });
    out.push({
      email,
      displayName: staff.displayName,
      roles: staff.roles,
      password: created ? password : null,
      created,
    });
  }
  return out;
}
