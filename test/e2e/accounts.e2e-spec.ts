import { PasswordHasher, Role, StaffUsersService } from '@grants/accounts';
import { FixedClock } from '@grants/common';
import { MailService } from '@grants/notifications';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adminToken,
  createStaffUser,
  freshClientAddress,
  login,
  registerApplicant,
  TEST_PASSWORD,
  tokenFromMail,
} from '../support/accounts';
import { ReceivedMail } from '../support/mailbox';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

const API = '/api/v1';
const clock = new FixedClock(new Date());

function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [String(raw)];
  const session = all.find((c: string) => c.startsWith('grants_session='));
  if (!session) throw new Error('no session cookie');
  return session;
}

/** Mail to an address whose text matches, polling because delivery is asynchronous. */
async function mailsTo(t: TestApp, to: string, text: RegExp, atLeast = 1): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = (await t.mail.all()).filter((m) => m.to.includes(to) && text.test(m.text));
    if (found.length >= atLeast) return found;
    if (Date.now() > deadline) throw new Error(`fewer than ${atLeast} mails to ${to} matching ${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function withoutVolatile(body: Record<string, unknown>): Record<string, unknown> {
  const { correlationId: _c, ...rest } = body;
  return rest;
}

describe('accounts and access', () => {
  let t: TestApp;
  let seq = 0;
  // Each test signs in from its own address, so the per-address throttle of one never leaks into another.
  const from = (): { headers: Record<string, string> } => ({
    headers: { 'x-forwarded-for': `10.0.0.${++seq}` },
  });

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        TRUST_PROXY: 'true',
        SIGNIN_MAX_FAILURES_PER_ACCOUNT: '3',
        SIGNIN_MAX_FAILURES_PER_ADDRESS: '5',
        SIGNIN_THROTTLE_WINDOW_MINUTES: '15',
        SESSION_TTL_HOURS: '12',
        REGISTER_MAX_PER_ADDRESS_PER_HOUR: '5',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks register → mail → verify → login (bearer) → /me → logout → token rejected', async () => {
    const email = 'walk@example.org';
    const reg = await t.post(`${API}/auth/register`, {
      email: 'Walk@Example.org',
      password: TEST_PASSWORD,
      displayName: 'Walk Through',
    });
    expect(reg.status).toBe(202);

    // Not verified yet: the right password gets a clear 401, not a session.
    const early = await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from());
    expect(early.status).toBe(401);
    expect(early.body.detail).toMatch(/verify your email/i);

    const mail = await t.mail.waitFor(email, /confirm your email/i);
    expect(mail.text).toContain('http://localhost:3000/portal/verify-email?token=');
    expect(mail.html).toContain('lang="en-GB"');
    const verified = await t.post(`${API}/auth/verify-email`, { token: tokenFromMail(mail.text) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ email, emailVerified: true, roles: ['applicant'] });

    // A link works once.
    const again = await t.post(`${API}/auth/verify-email`, { token: tokenFromMail(mail.text) });
    expect(again.status).toBe(400);

    const res = await t.post(
      `${API}/auth/login`,
      { email: 'WALK@example.org', password: TEST_PASSWORD },
      from(),
    );
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(clock.now().getTime());
    expect(res.body.user).toMatchObject({ email, displayName: 'Walk Through', roles: ['applicant'] });
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);

    const me = await t.get(`${API}/me`, { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: verified.body.id,
      email,
      displayName: 'Walk Through',
      emailVerified: true,
    });
    expect(me.body).not.toHaveProperty('passwordHash');

    const out = await t.post(`${API}/auth/logout`, undefined, { token: res.body.token });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/grants_session=;/);

    const after = await t.get(`${API}/me`, { token: res.body.token });
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(/application\/problem\+json/);

    const audit = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1 ORDER BY seq`,
      [verified.body.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'user.registered',
      'user.email_verified',
      'user.signed_in',
      'user.signed_out',
    ]);
    const stored = await t.dataSource.query(`SELECT token_hash FROM sessions WHERE user_id = $1`, [
      verified.body.id,
    ]);
    expect(stored[0].token_hash).not.toBe(res.body.token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const sent = await t.dataSource.query(
      `SELECT template, status FROM email_messages WHERE recipient = $1`,
      [email],
    );
    expect(sent).toContainEqual({ template: 'verify-email', status: 'sent' });
  });

  it('accepts the session cookie instead of a bearer token', async () => {
    const { email } = await registerApplicant(t);
    const res = await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from());
    const cookie = cookieFrom(res).split(';')[0]!;
    const me = await t.get(`${API}/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    const bad = await t.get(`${API}/me`, { headers: { cookie: 'grants_session=not-a-token' } });
    expect(bad.status).toBe(401);
  });

  it('answers 401 on /me without a session, and for junk tokens', async () => {
    const none = await t.get(`${API}/me`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'unauthenticated', status: 401 });
    expect((await t.get(`${API}/me`, { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await t.get(`${API}/me`, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('answers a duplicate registration exactly like a new one, and tells the owner instead', async () => {
    const { email } = await registerApplicant(t, { displayName: 'Original Owner' });
    const fresh = await t.post(`${API}/auth/register`, {
      email: 'brand-new@example.org',
      password: TEST_PASSWORD,
      displayName: 'New',
    });
    const dup = await t.post(`${API}/auth/register`, {
      email: email.toUpperCase(),
      password: 'another long passphrase',
      displayName: 'Impostor',
    });
    expect(dup.status).toBe(fresh.status);
    expect(dup.body).toEqual(fresh.body);
    const warning = await t.mail.waitFor(email, /someone tried to register/i);
    expect(warning.text).toContain('Original Owner');
    const users = await t.dataSource.query(`SELECT display_name FROM users WHERE email = $1`, [email]);
    expect(users).toEqual([{ display_name: 'Original Owner' }]);
    // The original password still works; the impostor's does not.
    expect(
      (await t.post(`${API}/auth/login`, { email, password: 'another long passphrase' }, from())).status,
    ).toBe(401);
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(200);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const { email } = await registerApplicant(t);
    const wrong = await t.post(`${API}/auth/login`, { email, password: 'not the password at all' }, from());
    const unknown = await t.post(
      `${API}/auth/login`,
      { email: 'nobody-here@example.org', password: 'not the password at all' },
      from(),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(withoutVolatile(wrong.body)).toEqual(withoutVolatile(unknown.body));
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles per account after N failures with 429 and Retry-After, then lets the owner back in', async () => {
    const { email } = await registerApplicant(t);
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.post(`${API}/auth/login`, { email, password: 'wrong password here' }, from())).status,
      ).toBe(401);
    }
    // Even the right password, from yet another address, waits: the account is what is being guessed.
    const blocked = await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from());
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'throttled', retryAfterSeconds: 15 * 60 });
    expect(blocked.headers['retry-after']).toBe(String(15 * 60));

    // Unknown emails are throttled the same way, so 429 does not reveal registration either.
    for (let i = 0; i < 3; i++)
      await t.post(
        `${API}/auth/login`,
        { email: 'ghost@example.org', password: 'wrong password here' },
        from(),
      );
    expect(
      (await t.post(`${API}/auth/login`, { email: 'ghost@example.org', password: 'x' }, from())).status,
    ).toBe(429);

    clock.advance(15 * 60_000 + 1000);
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(200);
  });

  it('throttles per address across different accounts', async () => {
    const address = { headers: { 'x-forwarded-for': '192.0.2.77' } };
    for (let i = 0; i < 5; i++) {
      const res = await t.post(
        `${API}/auth/login`,
        { email: `spray-${i}@example.org`, password: 'guess guess guess' },
        address,
      );
      expect(res.status).toBe(401);
    }
    const { email } = await registerApplicant(t);
    const blocked = await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(200);
  });

  it('resets a forgotten password, revoking every old session', async () => {
    const { email, token: oldToken } = await registerApplicant(t);
    const other = await login(t, email, TEST_PASSWORD);

    const unknown = await t.post(`${API}/auth/password-reset`, { email: 'nobody-at-all@example.org' });
    const known = await t.post(`${API}/auth/password-reset`, { email });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const mail = await t.mail.waitFor(email, /reset your/i);
    expect(mail.text).toContain('http://localhost:3000/portal/reset-password?token=');
    const resetToken = tokenFromMail(mail.text);

    const weak = await t.post(`${API}/auth/password-reset/confirm`, {
      token: resetToken,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    const ok = await t.post(`${API}/auth/password-reset/confirm`, {
      token: resetToken,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.status).toBe(200);
    const reused = await t.post(`${API}/auth/password-reset/confirm`, {
      token: resetToken,
      newPassword: 'yet another passphrase',
    });
    expect(reused.status).toBe(400);

    expect((await t.get(`${API}/me`, { token: oldToken })).status).toBe(401);
    expect((await t.get(`${API}/me`, { token: other })).status).toBe(401);
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(401);
    expect(
      (await t.post(`${API}/auth/login`, { email, password: 'a brand new passphrase' }, from())).status,
    ).toBe(200);
  });

  it('changes a password, keeping this session and ending the others', async () => {
    const { email, token } = await registerApplicant(t);
    const other = await login(t, email, TEST_PASSWORD);
    const wrong = await t.post(
      `${API}/auth/password`,
      { currentPassword: 'not my password', newPassword: 'a changed passphrase' },
      { token },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'currentPassword', message: 'is not your current password' },
    ]);
    const ok = await t.post(
      `${API}/auth/password`,
      { currentPassword: TEST_PASSWORD, newPassword: 'a changed passphrase' },
      { token },
    );
    expect(ok.status).toBe(204);
    expect((await t.get(`${API}/me`, { token })).status).toBe(200);
    expect((await t.get(`${API}/me`, { token: other })).status).toBe(401);
  });

  it('ends sessions when they expire', async () => {
    const { token } = await registerApplicant(t);
    clock.advance(13 * 3_600_000);
    expect((await t.get(`${API}/me`, { token })).status).toBe(401);
  });

  it('keeps admin routes to admins: an applicant gets 403 on POST /users', async () => {
    const { token } = await registerApplicant(t);
    const res = await t.post(
      `${API}/users`,
      { email: 'x@example.org', displayName: 'X', roles: ['officer'] },
      { token },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await t.get(`${API}/users`, { token })).status).toBe(403);
    expect((await t.post(`${API}/users`, {})).status).toBe(401);
  });

  it('lets an admin create an officer who sets a password from the emailed link', async () => {
    const admin = await adminToken(t);
    const created = await t.post(
      `${API}/users`,
      {
        email: 'New.Approver@example.org',
        displayName: 'Nia Approver',
        roles: ['approver'],
        approvalLimitPence: 500_000,
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.approver@example.org',
      roles: ['approver'],
      approvalLimitPence: 500_000,
      emailVerified: true,
      disabled: false,
    });
    const dup = await t.post(
      `${API}/users`,
      { email: 'new.approver@example.org', displayName: 'Again', roles: ['officer'] },
      { token: admin },
    );
    expect(dup.status).toBe(409);
    const applicantRole = await t.post(
      `${API}/users`,
      { email: 'a@example.org', displayName: 'A', roles: ['applicant'] },
      { token: admin },
    );
    expect(applicantRole.status).toBe(400);
    const limitWithoutApprover = await t.post(
      `${API}/users`,
      { email: 'b@example.org', displayName: 'B', roles: ['officer'], approvalLimitPence: 10 },
      { token: admin },
    );
    expect(limitWithoutApprover.status).toBe(400);

    const mail = await t.mail.waitFor('new.approver@example.org', /account has been created/i);
    const set = await t.post(`${API}/auth/password-reset/confirm`, {
      token: tokenFromMail(mail.text),
      newPassword: 'approver chosen passphrase',
    });
    expect(set.status).toBe(200);
    const token = await login(t, 'new.approver@example.org', 'approver chosen passphrase');
    expect((await t.get(`${API}/me`, { token })).body.roles).toEqual(['approver']);
  });

  it('lists users a page at a time and updates roles and limits', async () => {
    const admin = await adminToken(t);
    const officer = await createStaffUser(t, [Role.Officer]);
    const first = await t.get(`${API}/users?limit=2`, { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const seen = new Set<string>(first.body.items.map((u: { id: string }) => u.id));
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const next = await t.get(`${API}/users?limit=2&cursor=${cursor}`, { token: admin });
      expect(next.status).toBe(200);
      for (const u of next.body.items) {
        expect(seen.has(u.id)).toBe(false);
        seen.add(u.id);
      }
      cursor = next.body.nextCursor;
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    expect(seen.size).toBe(n);
    expect((await t.get(`${API}/users?limit=0`, { token: admin })).status).toBe(400);
    expect((await t.get(`${API}/users?cursor=garbage`, { token: admin })).status).toBe(400);

    const patched = await t.patch(
      `${API}/users/${officer.userId}`,
      { roles: ['officer', 'approver'], approvalLimitPence: 1_000_000, displayName: 'Promoted' },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      roles: ['officer', 'approver'],
      approvalLimitPence: 1_000_000,
      displayName: 'Promoted',
    });
    const approvers = await t.get(`${API}/users?role=approver&limit=200`, { token: admin });
    expect(approvers.body.items.map((u: { id: string }) => u.id)).toContain(officer.userId);
    expect(
      (await t.patch(`${API}/users/${officer.userId}`, { roles: ['nonsense'] }, { token: admin })).status,
    ).toBe(400);
    expect((await t.patch(`${API}/users/not-a-uuid`, { displayName: 'x' }, { token: admin })).status).toBe(
      400,
    );
    expect(
      (
        await t.patch(
          `${API}/users/00000000-0000-4000-8000-000000000000`,
          { displayName: 'x' },
          { token: admin },
        )
      ).status,
    ).toBe(404);
    const audit = await t.dataSource.query(
      `SELECT action, data FROM audit_log WHERE subject_id = $1 AND action = 'user.updated'`,
      [officer.userId],
    );
    expect(audit[0].data.roles).toEqual({ from: ['officer'], to: ['officer', 'approver'] });
  });

  it("stops a disabled user's session at once, and re-enabling lets them sign in again", async () => {
    const admin = await adminToken(t);
    const { userId, email, token } = await registerApplicant(t);
    expect((await t.get(`${API}/me`, { token })).status).toBe(200);
    const off = await t.patch(`${API}/users/${userId}`, { disabled: true }, { token: admin });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await t.get(`${API}/me`, { token })).status).toBe(401);
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(401);
    const on = await t.patch(`${API}/users/${userId}`, { disabled: false }, { token: admin });
    expect(on.body.disabled).toBe(false);
    expect((await t.get(`${API}/me`, { token })).status).toBe(401);
    expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(200);
  });

  it('refuses weak passwords and malformed bodies without a 500', async () => {
    const short = await t.post(`${API}/auth/register`, {
      email: 'w@example.org',
      password: 'short',
      displayName: 'W',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('password');
    const common = await t.post(`${API}/auth/register`, {
      email: 'w@example.org',
      password: 'Password1234',
      displayName: 'W',
    });
    expect(common.status).toBe(400);
    const extra = await t.post(`${API}/auth/login`, { email: 'a@b.c', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect((await t.post(`${API}/auth/login`, { email: 1, password: [] })).status).toBe(400);
    expect((await t.post(`${API}/auth/verify-email`, { token: 'x'.repeat(43) })).status).toBe(400);
    expect(
      (
        await t.post(`${API}/auth/register`, undefined, {
          raw: 'not json',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });

  it('creates staff idempotently for the seed', async () => {
    const accounts = t.app.get(StaffUsersService);
    const input = {
      email: 'Seed.Officer@example.org',
      displayName: 'Seed Officer',
      roles: [Role.Officer],
      password: TEST_PASSWORD,
    };
    const a = await accounts.createStaffUser(input);
    const b = await accounts.createStaffUser(input);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.user.id).toBe(a.user.id);
  });

  it('gives the account the password chosen in the registration whose link was followed, not the first', async () => {
    const victim = 'victim@example.org';
    const attackerPassword = 'attacker chosen passphrase';
    const victimPassword = 'victim chosen passphrase';
    const register = (password: string, displayName: string): Promise<HttpResult> =>
      t.post(
        `${API}/auth/register`,
        { email: victim, password, displayName },
        { headers: freshClientAddress() },
      );
    // The attacker registers the victim's address first and never verifies.
    expect((await register(attackerPassword, 'Attacker')).status).toBe(202);
    // The victim registers, and follows the link that registration sent.
    expect((await register(victimPassword, 'Victim Owner')).status).toBe(202);
    const [mail] = await mailsTo(t, victim, /Dear Victim Owner/);
    expect(mail!.text).toMatch(/if you did not just ask to register, ignore this/i);
    const verified = await t.post(`${API}/auth/verify-email`, { token: tokenFromMail(mail!.text) });
    expect(verified.status).toBe(200);
    expect(verified.body.displayName).toBe('Victim Owner');

    expect(
      (await t.post(`${API}/auth/login`, { email: victim, password: attackerPassword }, from())).status,
    ).toBe(401);
    expect(
      (await t.post(`${API}/auth/login`, { email: victim, password: victimPassword }, from())).status,
    ).toBe(200);
    // The attacker's own link (had they got hold of it) no longer works either.
    const [attackerMail] = await mailsTo(t, victim, /Dear Attacker/);
    const late = await t.post(`${API}/auth/verify-email`, { token: tokenFromMail(attackerMail!.text) });
    expect(late.status).toBe(400);
  });

  it('sends at most five registration emails to one address an hour, hashing nothing beyond them', async () => {
    const email = 'flooded@example.org';
    const hasher = t.app.get(PasswordHasher);
    const hash = vi.spyOn(hasher, 'hash');
    try {
      const answers = [];
      for (let i = 0; i < 7; i++) {
        answers.push(
          await t.post(
            `${API}/auth/register`,
            { email, password: `flood passphrase ${i}`, displayName: `Flood ${i}` },
            { headers: freshClientAddress() },
          ),
        );
      }
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202, 202]);
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(hash).toHaveBeenCalledTimes(5);
    } finally {
      hash.mockRestore();
    }
    await t.app.get(MailService).drain();
    expect(await mailsTo(t, email, /confirm your email/i, 5)).toHaveLength(5);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM email_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1`,
      [email],
    );
    expect(n).toBe(5);

    // A verified owner is rationed the same way ("someone tried to register" mails).
    clock.advance(61 * 60_000);
    const sixth = await t.post(
      `${API}/auth/register`,
      { email, password: 'flood passphrase 7', displayName: 'Flood 7' },
      { headers: freshClientAddress() },
    );
    expect(sixth.status).toBe(202);
    await mailsTo(t, email, /Dear Flood 7/);
  });

  it('refuses too many registrations from one client address with 429 and Retry-After', async () => {
    const address = { headers: { 'x-forwarded-for': '203.0.113.9' } };
    const register = (i: number): Promise<HttpResult> =>
      t.post(
        `${API}/auth/register`,
        { email: `burst-${i}@example.org`, password: TEST_PASSWORD, displayName: `Burst ${i}` },
        address,
      );
    for (let i = 0; i < 5; i++) expect((await register(i)).status).toBe(202);
    const refused = await register(5);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('throttled');
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfterSeconds));
    const users = await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'burst-5@example.org'`);
    expect(users).toEqual([]);
    // Another address is unaffected.
    const elsewhere = await t.post(
      `${API}/auth/register`,
      { email: 'burst-5@example.org', password: TEST_PASSWORD, displayName: 'Burst 5' },
      { headers: freshClientAddress() },
    );
    expect(elsewhere.status).toBe(202);
  });

  it('holds no transaction or lock while argon2 runs, signing in or changing a password', async () => {
    const { email, token } = await registerApplicant(t);
    const hasher = t.app.get(PasswordHasher);
    const seen: { locks: number; open: number }[] = [];
    const probe = async (): Promise<void> => {
      const [row] = await t.dataSource.query(
        `SELECT
           (SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database
             WHERE d.datname = current_database() AND l.locktype = 'advisory') AS locks,
           (SELECT count(*)::int FROM pg_stat_activity
             WHERE datname = current_database() AND state LIKE 'idle in transaction%') AS open`,
      );
      seen.push(row);
    };
    const realVerify = hasher.verify.bind(hasher);
    const realHash = hasher.hash.bind(hasher);
    const verify = vi.spyOn(hasher, 'verify').mockImplementation(async (stored, password) => {
      await probe();
      return realVerify(stored, password);
    });
    const hash = vi.spyOn(hasher, 'hash').mockImplementation(async (password) => {
      await probe();
      return realHash(password);
    });
    try {
      expect((await t.post(`${API}/auth/login`, { email, password: TEST_PASSWORD }, from())).status).toBe(
        200,
      );
      expect((await t.post(`${API}/auth/login`, { email, password: 'not it at all' }, from())).status).toBe(
        401,
      );
      expect(
        (await t.post(`${API}/auth/login`, { email: 'no-one@example.org', password: 'x' }, from())).status,
      ).toBe(401);
      const changed = await t.post(
        `${API}/auth/password`,
        { currentPassword: TEST_PASSWORD, newPassword: 'a freshly changed passphrase' },
        { token },
      );
      expect(changed.status).toBe(204);
    } finally {
      verify.mockRestore();
      hash.mockRestore();
    }
    // Three sign-in checks, the current-password check and the new password's hash.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s.locks !== 0 || s.open !== 0)).toEqual([]);
  });

  it('clears stale sign-in attempts on failed sign-ins too, not only on successes', async () => {
    const email = 'stale-guesses@example.org';
    const address = '192.0.2.201';
    const stale = new Date(clock.now().getTime() - 16 * 60_000);
    const fresh = new Date(clock.now().getTime() - 60_000);
    await t.dataSource.query(
      `INSERT INTO sign_in_attempts (email, ip_address, succeeded, attempted_at)
       SELECT $1, '192.0.2.1', false, $3::timestamptz FROM generate_series(1, 30)
       UNION ALL SELECT 'someone-else@example.org', $2, false, $3::timestamptz FROM generate_series(1, 30)
       UNION ALL SELECT $1, '192.0.2.1', false, $4::timestamptz`,
      [email, address, stale, fresh],
    );
    const res = await t.post(
      `${API}/auth/login`,
      { email, password: 'a wrong guess here' },
      { headers: { 'x-forwarded-for': address } },
    );
    expect(res.status).toBe(401);
    const [counts] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE attempted_at < $3)::int AS stale,
              count(*) FILTER (WHERE attempted_at >= $3)::int AS live
         FROM sign_in_attempts WHERE email = $1 OR ip_address = $2`,
      [email, address, new Date(clock.now().getTime() - 15 * 60_000)],
    );
    expect(counts).toEqual({ stale: 0, live: 2 });
  });

  it('marks public answers as depending on the session, and private when one is presented', async () => {
    const { token } = await registerApplicant(t);
    const anonymous = await t.get(`${API}/rounds`);
    expect(anonymous.status).toBe(200);
    expect(String(anonymous.headers.vary)).toMatch(/Authorization/);
    expect(String(anonymous.headers.vary)).toMatch(/Cookie/);
    expect(String(anonymous.headers['cache-control'] ?? '')).not.toMatch(/private/);
    const bearer = await t.get(`${API}/rounds`, { token });
    expect(bearer.status).toBe(200);
    expect(bearer.headers['cache-control']).toBe('private, no-store');
    const cookie = await t.get(`${API}/rounds`, { headers: { cookie: `grants_session=${token}` } });
    expect(cookie.headers['cache-control']).toBe('private, no-store');
    expect(String(cookie.headers.vary)).toMatch(/Authorization/);
  });
});
