import { AccountsService, Role } from '@grants/accounts';
import { FixedClock } from '@grants/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  createStaffUser,
  login,
  registerApplicant,
  TEST_PASSWORD,
  tokenFromMail,
} from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

const API = '/api/v1';
const clock = new FixedClock(new Date());

function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [String(raw)];
  const session = all.find((c: string) => c.startsWith('grants_session='));
  if (!session) throw new Error('no session cookie');
  return session;
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
    expect(mail.text).toContain('http://localhost:3000/verify-email?token=');
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
    expect(mail.text).toContain('http://localhost:3000/reset-password?token=');
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
    const accounts = t.app.get(AccountsService);
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
});
