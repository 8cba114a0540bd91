import { randomBytes } from 'node:crypto';
import { Role, StaffUsersService } from '@grants/accounts';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'a long test passphrase 1';

let counter = 0;
function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@example.org`;
}

let addresses = 0;
/**
 * A client address of its own (TEST-NET-2), for apps that trust X-Forwarded-For: then registering many
 * applicants in one file never meets the per-address registration cap. Other apps ignore the header.
 */
export function freshClientAddress(): { 'x-forwarded-for': string } {
  addresses += 1;
  return { 'x-forwarded-for': `198.51.${Math.floor(addresses / 250) % 256}.${(addresses % 250) + 1}` };
}

/** The token from the link in an email (verification or password reset). */
export function tokenFromMail(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no token link in mail:\n${text}`);
  return match[1]!;
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.post('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${res.text}`);
  return res.body.token as string;
}

/** An applicant the way a person becomes one: register over HTTP, read the mail, verify, sign in. */
export async function registerApplicant(
  t: TestApp,
  opts: { email?: string; displayName?: string; password?: string } = {},
): Promise<{ userId: string; email: string; token: string }> {
  const email = (opts.email ?? uniqueEmail('applicant')).toLowerCase();
  const password = opts.password ?? TEST_PASSWORD;
  const reg = await t.post(
    '/api/v1/auth/register',
    { email, password, displayName: opts.displayName ?? 'Test Applicant' },
    { headers: freshClientAddress() },
  );
  if (reg.status !== 202) throw new Error(`register failed: ${reg.status} ${reg.text}`);
  const mail = await t.mail.waitFor(email, /confirm your email/i);
  const verified = await t.post('/api/v1/auth/verify-email', { token: tokenFromMail(mail.text) });
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
  const token = await login(t, email, password);
  return { userId: verified.body.id as string, email, token };
}

/** A staff account created straight through the service (as the seed does), then signed in over HTTP. */
export async function createStaffUser(
  t: TestApp,
  roles: Role[],
  opts: { email?: string; displayName?: string; approvalLimitPence?: number | null } = {},
): Promise<{ userId: string; email: string; token: string; password: string }> {
  const email = (opts.email ?? uniqueEmail(roles.join('-') || 'staff')).toLowerCase();
  const password = TEST_PASSWORD;
  const { user } = await t.app.get(StaffUsersService).createStaffUser({
    email,
    displayName: opts.displayName ?? `Test ${roles.join(' and ')}`,
    roles,
    approvalLimitPence: opts.approvalLimitPence,
    password,
  });
  const token = await login(t, email, password);
  return { userId: user.id, email, token, password };
}

/** A signed-in administrator's token. */
export async function adminToken(t: TestApp): Promise<string> {
  return (await createStaffUser(t, [Role.Admin])).token;
}
