import { Role } from '@grants/accounts';
import { SYSTEM_ACTOR } from '@grants/audit';
import { DomainError, ErrorCode } from '@grants/common';
import { FundsService, totalsOfEntries } from '@grants/funds';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../../../test/support/accounts';
import { ORGANISATION_BODY } from '../../../test/support/api-world';
import { approverUser, recommendedApplications } from '../../../tools/award-fixtures';
import { createOpenRound, seedReference } from '../../../test/support/reference';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { AwardChangesService } from './award-changes.service';
import { DecisionsService } from './decisions.service';

const CAP = 100_000_000; // £1,000,000
const ALREADY = 90_000_000; // £900,000 committed before the rush

/** Whether a ledger went past its cap: the detector both the real run and the naive control are judged by. */
function overCommitted(netCommittedPence: number, capPence: number): boolean {
  return netCommittedPence > capPence;
}

interface Arena {
  t: TestApp;
  decisions: DecisionsService;
  fundYearId: string;
  fixtures: (amounts: number[]) => Promise<string[]>;
  approvers: string[];
}

async function arena(poolSize: number): Promise<Arena> {
  const t = await createTestApp({ env: { DATABASE_POOL_SIZE: String(poolSize) } });
  await seedReference(t);
  const funds = t.app.get(FundsService);
  const fund = await funds.createFund({ key: `cap-test-${poolSize}`, name: 'Cap test fund' }, SYSTEM_ACTOR);
  const year = await funds.addYear(
    fund.id,
    { label: '2026/27', startsOn: '2026-04-01', endsOn: '2027-03-31', capPence: CAP },
    SYSTEM_ACTOR,
  );
  const round = await createOpenRound(t, { fundYearId: year.id, maxAwardPence: ALREADY });
  const applicant = await registerApplicant(t);
  const org = await t.post('/api/v1/organisations', ORGANISATION_BODY, { token: applicant.token });
  const officer = await createStaffUser(t, [Role.Officer]);
  const approvers: string[] = [];
  for (let i = 0; i < 3; i++) approvers.push((await createStaffUser(t, [Role.Approver])).userId);
  const fixtures = (amounts: number[]) =>
    recommendedApplications(t.dataSource, {
      round,
      organisationId: org.body.id,
      createdBy: applicant.userId,
      recordedBy: officer.userId,
      approverIds: approvers,
      amountsPence: amounts,
    });
  const decisions = t.app.get(DecisionsService);
  const [first] = await fixtures([ALREADY]);
  await decisions.decide(approverUser(approvers[0]!), first!, { outcome: 'award', reasons: 'Earlier award' });
  return { t, decisions, fundYearId: year.id, fixtures, approvers };
}

/** Every decision at once; what each one answered. */
async function rush(a: Arena, amounts: number[]) {
  const ids = await a.fixtures(amounts);
  const settled = await Promise.allSettled(
    ids.map((id, i) =>
      a.decisions.decide(approverUser(a.approvers[i % a.approvers.length]!), id, {
        outcome: 'award',
        amountPence: amounts[i],
        reasons: 'Meets the objectives',
      }),
    ),
  );
  return settled.map((s, i) => ({ amount: amounts[i]!, ...s }));
}

async function ledgerOf(ds: DataSource, fundYearId: string) {
  const [year] = await ds.query(
    `SELECT cap_pence::int AS cap, committed_pence::bigint AS committed, released_pence::bigint AS released,
            paid_pence::bigint AS paid, returned_pence::bigint AS returned
     FROM fund_years WHERE id = $1`,
    [fundYearId],
  );
  const entries: { kind: 'commitment' | 'release' | 'payment' | 'return'; amount: string }[] = await ds.query(
    `SELECT kind, amount_pence AS amount FROM ledger_entries WHERE fund_year_id = $1`,
    [fundYearId],
  );
  const fromEntries = totalsOfEntries(entries.map((e) => ({ kind: e.kind, amountPence: Number(e.amount) })));
  const kept = {
    committedPence: Number(year.committed),
    releasedPence: Number(year.released),
    paidPence: Number(year.paid),
    returnedPence: Number(year.returned),
  };
  return { cap: Number(year.cap), kept, fromEntries, net: kept.committedPence - kept.releasedPence };
}

describe.each([2, 5, 20])('the cap under 200 simultaneous decisions (pool of %i connections)', (poolSize) => {
  let a: Arena;
  beforeAll(async () => {
    a = await arena(poolSize);
  }, 120_000);
  afterAll(async () => {
    await a?.t.close();
  });

  it('lets exactly the £10,000 awards that fit through and refuses the rest with the amount available', async () => {
    const results = await rush(
      a,
      Array.from({ length: 200 }, () => 1_000_000),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(10);
    for (const r of lost) {
      const error = (r as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.Conflict);
      expect((error as DomainError).details.availablePence).toBe(0);
    }
    const ledger = await ledgerOf(a.t.dataSource, a.fundYearId);
    expect(ledger.net).toBe(CAP);
    expect(ledger.kept).toEqual(ledger.fromEntries);
    expect(overCommitted(ledger.net, ledger.cap)).toBe(false);
  }, 120_000);

  it('holds with random amounts too: what succeeds fits, and everything refused was too big for what was left', async () => {
    // The year is full; reducing the earlier £900,000 award to £800,000 releases room for the rush.
    const [earlier] = await a.t.dataSource.query(
      `SELECT id FROM awards WHERE fund_year_id = $1 AND amount_pence = $2`,
      [a.fundYearId, ALREADY],
    );
    await a.t.app.get(AwardChangesService).vary(approverUser(a.approvers[0]!), earlier.id, {
      amountPence: ALREADY - 10_000_000,
      reason: 'Smaller',
    });
    const before = await ledgerOf(a.t.dataSource, a.fundYearId);
    const room = before.cap - before.net;
    expect(room).toBe(10_000_000);
    let seed = poolSize * 7919;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const amounts = Array.from({ length: 120 }, () => 50_000 + Math.floor(random() * 1_500_000));
    const results = await rush(a, amounts);
    const wonPence = results.filter((r) => r.status === 'fulfilled').reduce((n, r) => n + r.amount, 0);
    const after = await ledgerOf(a.t.dataSource, a.fundYearId);
    expect(after.net - before.net).toBe(wonPence);
    expect(wonPence).toBeLessThanOrEqual(room);
    const left = after.cap - after.net;
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(((r as PromiseRejectedResult).reason as DomainError).code).toBe(ErrorCode.Conflict);
      expect(r.amount).toBeGreaterThan(left);
    }
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
    expect(after.kept).toEqual(after.fromEntries);
    expect(overCommitted(after.net, after.cap)).toBe(false);
  }, 120_000);
});

describe('the controls: the detector catches a naive check-then-insert, and the schema refuses one', () => {
  let a: Arena;
  beforeAll(async () => {
    a = await arena(10);
  }, 120_000);
  afterAll(async () => {
    await a?.t.close();
  });

  it('a naive check-then-insert with no lock over-commits, and the detector sees it', async () => {
    const ds = a.t.dataSource;
    await ds.query(`CREATE TABLE naive_years (id int PRIMARY KEY, cap_pence bigint NOT NULL)`);
    await ds.query(`CREATE TABLE naive_entries (year_id int NOT NULL, amount_pence bigint NOT NULL)`);
    await ds.query(`INSERT INTO naive_years VALUES (1, $1)`, [CAP]);
    await ds.query(`INSERT INTO naive_entries VALUES (1, $1)`, [ALREADY]);
    const naiveDecide = async (amount: number): Promise<boolean> => {
      const [{ net }] = await ds.query(
        `SELECT coalesce(sum(amount_pence), 0)::bigint AS net FROM naive_entries WHERE year_id = 1`,
      );
      // The gap between the check and the write is where every naive implementation loses.
      await ds.query(`SELECT pg_sleep(0.005)`);
      if (Number(net) + amount > CAP) return false;
      await ds.query(`INSERT INTO naive_entries VALUES (1, $1)`, [amount]);
      return true;
    };
    const results = await Promise.all(Array.from({ length: 200 }, () => naiveDecide(1_000_000)));
    const [{ net }] = await ds.query(`SELECT sum(amount_pence)::bigint AS net FROM naive_entries`);
    expect(results.filter(Boolean).length).toBeGreaterThan(10);
    expect(overCommitted(Number(net), CAP)).toBe(true);
  }, 120_000);

  it('the database itself refuses a commitment past the cap, whatever the code above it does', async () => {
    const ds = a.t.dataSource;
    const [award] = await ds.query(`SELECT id FROM awards WHERE fund_year_id = $1 LIMIT 1`, [a.fundYearId]);
    const insert = (amount: number) =>
      ds.query(
        `INSERT INTO ledger_entries (fund_year_id, award_id, kind, amount_pence, cause, occurred_on, recorded_at)
         VALUES ($1, $2, 'commitment', $3, 'test: naive', DATE '2026-12-01', now())`,
        [a.fundYearId, award.id, amount],
      );
    await expect(insert(CAP)).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'fund_years_within_cap' },
    });
    await insert(CAP - ALREADY);
    await expect(insert(1)).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(ds.query(`DELETE FROM ledger_entries`)).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
    const ledger = await ledgerOf(ds, a.fundYearId);
    expect(ledger.net).toBe(CAP);
    expect(ledger.kept).toEqual(ledger.fromEntries);
  });
});
