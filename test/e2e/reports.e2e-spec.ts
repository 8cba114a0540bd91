import { randomUUID } from 'node:crypto';
import { Role } from '@grants/accounts';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, registerApplicant } from '../support/accounts';
import { dbFingerprint } from '../support/db-fingerprint';
import { problemShapeErrors } from '../support/problems';
import { seedReference, SeededReference } from '../support/reference';
import { createTestApp, HttpResult, TestApp } from '../support/test-app';

/**
 * The officers' reports against fixtures written straight into the tables (the way there has its own tests),
 * across several fund years of two funds, five areas (one in no partnership), several objectives and
 * monitoring reports in every state. Every figure asserted is a literal worked out by hand, with the
 * arithmetic beside it.
 *
 * The fixtures (money in pence; "c" commitment, "r" release, "p" payment, "ret" return):
 *
 * Community Safety Fund 2013/14 (cap 100,000,000)
 *  A1 Malvern Watch (Malvern Hills, South Worcs CSP, community group), round R13a, accepted,
 *     c 1,000,000, p 600,000; objectives 3 and 9; targets 3.1 = 100, 9.1 = 20;
 *     interim accepted 3.1 = 40, 9.1 = 5 (+ case study S1), final accepted 3.1 = 90 (+ case study S2)
 *  A2 Worcester Youth (Worcester, South Worcs CSP, charity), R13a, completed,
 *     c 800,000, p 750,000, r 50,000 (completion); objectives 3 and 5; targets 3.1 = 50, 5.1 = 12;
 *     final accepted 3.1 = 60, 5.1 = 12.5 (+ case study S3)
 *  A3 Redditch Night Bus (Redditch, Redditch CSP, CIC), R13b, revoked,
 *     c 500,000, p 200,000, r 300,000 (revocation), ret 50,000; objective 5; target 5.1 = 10;
 *     interim submitted, not accepted: 5.1 = 7 (+ case study S4): none of it counts
 *  A4 County Council (Worcestershire: no partnership, statutory body), R13b, declined,
 *     c 400,000, r 400,000; objective 9; target 9.1 = 30: not counted anywhere
 *  A5 Malvern Watch, R13b, offered, c 300,000; objective 10
 *  A6 County Council, R13a, accepted, c 200,000, p 100,000; objective 3; target 3.1 = 25
 * Community Safety Fund 2014/15
 *  B1 Hereford Parish (Herefordshire, Herefordshire CSP, parish council), R14, accepted, c 600,000, p 300,000;
 *     objective 3; target 3.1 = 40; interim accepted 3.1 = 15, final submitted 3.1 = 35 (does not count)
 *  B2 Malvern Watch, R14, lapsed, c 250,000, r 250,000; objective 9
 *  B3 Worcester Youth, R14, accepted, c 350,000; objective 5; target 5.1 = 8
 * Community Safety Fund 2015/16 and 2016/17: nothing
 * Community Safety Fund 2017/18 (added here; starts after the plan period ends)
 *  D1 Malvern Watch, R17, accepted, c 123,400: in no plan-period column
 * Commissioner's charitable trust fund 2013/14 (cap 2,000,000)
 *  C1 Redditch Night Bus, RT, accepted, c 100,000, p 100,000; objective 10
 */

const MALVERN = 'E07000235';
const WORCESTER = 'E07000237';
const REDDITCH = 'E07000236';
const WORCESTERSHIRE = 'E10000034';
const HEREFORDSHIRE = 'E06000019';

type Kind = 'commitment' | 'release' | 'payment' | 'return';
type Status = 'offered' | 'accepted' | 'declined' | 'lapsed' | 'completed' | 'revoked';

interface Fixtures {
  userId: string;
  planVersionId: string;
  objective: Record<number, string>;
  measure: Record<string, string>;
}

async function insertOrganisation(
  ds: DataSource,
  userId: string,
  o: { name: string; legalForm: string; area: string; charity?: string; company?: string },
): Promise<string> {
  const [row] = await ds.query(
    `INSERT INTO organisations (name, legal_form, charity_number, company_number, address_line1, town, postcode,
       local_authority_code, created_by)
     VALUES ($1, $2, $3, $4, '1 High Street', 'Worcester', 'WR1 1AA', $5, $6) RETURNING id`,
    [o.name, o.legalForm, o.charity ?? null, o.company ?? null, o.area, userId],
  );
  return row.id;
}

async function insertRound(
  ds: DataSource,
  f: Fixtures,
  fundYearId: string,
  title: string,
  opensAt: string,
): Promise<{ id: string; fundYearId: string }> {
  const [row] = await ds.query(
    `INSERT INTO rounds (fund_year_id, plan_version_id, title, opens_at, closes_at, min_award_pence, max_award_pence,
       max_project_months, acceptance_window_days, published_at)
     VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + interval '60 days', 50000, 2500000, 12, 28, $4::timestamptz)
     RETURNING id`,
    [fundYearId, f.planVersionId, title, opensAt],
  );
  return { id: row.id, fundYearId };
}

let applicationCounter = 0;

async function insertAward(
  ds: DataSource,
  f: Fixtures,
  a: {
    reference: string;
    organisationId: string;
    round: { id: string; fundYearId: string };
    status: Status;
    amountPence: number;
    objectives: number[];
    targets?: [code: string, target: number][];
    ledger: [Kind, number][];
  },
): Promise<string> {
  applicationCounter += 1;
  const applicationId = randomUUID();
  await ds.query(
    `INSERT INTO applications (id, reference, organisation_id, round_id, plan_version_id, status, title,
       amount_requested_pence, created_by, submitted_at, submitted_by)
     VALUES ($1, $2, $3, $4, $5, 'awarded', 'Fixture application', $6, $7, now(), $7)`,
    [
      applicationId,
      `REP-2013-${String(applicationCounter).padStart(6, '0')}`,
      a.organisationId,
      a.round.id,
      f.planVersionId,
      a.amountPence,
      f.userId,
    ],
  );
  for (const [i, n] of a.objectives.entries()) {
    await ds.query(
      `INSERT INTO application_objectives (application_id, objective_id, position, contribution)
       VALUES ($1, $2, $3, 'Serves it')`,
      [applicationId, f.objective[n], i],
    );
  }
  for (const [i, [code, target]] of (a.targets ?? []).entries()) {
    await ds.query(
      `INSERT INTO application_measures (application_id, measure_id, position, target) VALUES ($1, $2, $3, $4)`,
      [applicationId, f.measure[code], i, target],
    );
  }
  const [recommendation] = await ds.query(
    `INSERT INTO recommendations (application_id, outcome, amount_pence, weighted_points, max_points,
       moderated_scores, reasons, summary, recorded_by, recorded_at)
     VALUES ($1, 'fund_in_full', $2, 400, 500, '[]', '[]', 'Fixture', $3, now()) RETURNING id`,
    [applicationId, a.amountPence, f.userId],
  );
  const [decision] = await ds.query(
    `INSERT INTO decisions (application_id, recommendation_id, outcome, amount_pence, reasons, acceptance_deadline,
       decided_by, decided_role, decided_at)
     VALUES ($1, $2, 'award', $3, 'Meets the objectives', DATE '2013-07-01', $4, 'approver', now()) RETURNING id`,
    [applicationId, recommendation.id, a.amountPence, f.userId],
  );
  const accepted = ['accepted', 'completed', 'revoked'].includes(a.status);
  const [award] = await ds.query(
    `INSERT INTO awards (application_id, decision_id, organisation_id, round_id, fund_year_id, reference, status,
       offered_amount_pence, amount_pence, acceptance_deadline, end_date, offered_at,
       accepted_at, accepted_by, signatory_name, signatory_position,
       declined_at, decline_reason, lapsed_at, revoked_at, revocation_reason, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, DATE '2013-07-01', DATE '2014-03-31', now(),
       CASE WHEN $9 THEN now() END, CASE WHEN $9 THEN $10::uuid END, CASE WHEN $9 THEN 'Sam Signer' END,
       CASE WHEN $9 THEN 'Chair' END,
       CASE WHEN $7 = 'declined' THEN now() END, CASE WHEN $7 = 'declined' THEN 'Funded elsewhere' END,
       CASE WHEN $7 = 'lapsed' THEN now() END,
       CASE WHEN $7 = 'revoked' THEN now() END, CASE WHEN $7 = 'revoked' THEN 'Breach' END,
       CASE WHEN $7 = 'completed' THEN now() END)
     RETURNING id`,
    [
      applicationId,
      decision.id,
      a.organisationId,
      a.round.id,
      a.round.fundYearId,
      a.reference,
      a.status,
      a.amountPence,
      accepted,
      f.userId,
    ],
  );
  // One at a time, in order: the ledger's trigger checks each entry against the totals before it.
  for (const [kind, amount] of a.ledger) {
    await ds.query(
      `INSERT INTO ledger_entries (fund_year_id, award_id, kind, amount_pence, cause, occurred_on, recorded_by,
         recorded_at)
       VALUES ($1, $2, $3, $4, 'fixture', DATE '2013-07-01', $5, now())`,
      [a.round.fundYearId, award.id, kind, amount, f.userId],
    );
  }
  return award.id;
}

async function insertReport(
  ds: DataSource,
  f: Fixtures,
  r: {
    awardId: string;
    position: number;
    kind: 'interim' | 'final';
    status: 'due' | 'submitted' | 'accepted' | 'changes_requested';
    periodEnd: string;
    figures?: [code: string, value: number][];
    caseStudies?: { title: string; story: string; consent: boolean; anonymised?: string }[];
  },
): Promise<{ reportId: string; caseStudyIds: string[] }> {
  const submitted = r.status !== 'due';
  const reviewed = ['accepted', 'changes_requested'].includes(r.status);
  const [report] = await ds.query(
    `INSERT INTO monitoring_reports (award_id, position, kind, period_start, period_end, due_on, status,
       submitted_at, submitted_by, reviewed_at, reviewed_by)
     VALUES ($1, $2, $3, DATE '2013-04-01', $4::date, $4::date + 28, $5,
       CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN $8::uuid END,
       CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN $8::uuid END)
     RETURNING id`,
    [r.awardId, r.position, r.kind, r.periodEnd, r.status, submitted, reviewed, f.userId],
  );
  for (const [code, value] of r.figures ?? []) {
    await ds.query(
      `INSERT INTO monitoring_report_figures (report_id, measure_id, value) VALUES ($1, $2, $3)`,
      [report.id, f.measure[code], value],
    );
  }
  const caseStudyIds: string[] = [];
  for (const [i, s] of (r.caseStudies ?? []).entries()) {
    const [row] = await ds.query(
      `INSERT INTO monitoring_case_studies (report_id, position, title, story, consent_to_publish, anonymised_story)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [report.id, i, s.title, s.story, s.consent, s.anonymised ?? null],
    );
    caseStudyIds.push(row.id);
  }
  return { reportId: report.id, caseStudyIds };
}

/** RFC 4180, strictly: fields separated by commas, records by CRLF, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}: not RFC 4180`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}

/** The CSV as objects keyed by the header, checking every record has the header's width. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row.length).toBe(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

const row = (
  key: string | null,
  label: string,
  awards: number,
  committed: number,
  paid: number,
  returned: number,
) => ({
  key,
  label,
  awards,
  committedPence: committed,
  paidPence: paid,
  returnedPence: returned,
});

describe('the officers’ reports', () => {
  let t: TestApp;
  let ref: SeededReference;
  let officer: string;
  let tokens: Record<'applicant' | 'officer' | 'approver' | 'finance' | 'admin', string>;
  let fy13: string;
  let fy14: string;
  let fy15: string;
  let fy16: string;
  let fy17: string;
  let ct13: string;
  let r13a: { id: string; fundYearId: string };
  let r13b: { id: string; fundYearId: string };
  let aw: Record<string, string>;
  let study: Record<string, string>;
  let objectiveTitle: Record<number, string>;

  beforeAll(async () => {
    t = await createTestApp();
    ref = await seedReference(t);
    const ds = t.dataSource;
    const staff = await createStaffUser(t, [Role.Officer]);
    officer = staff.token;
    tokens = {
      officer,
      applicant: (await registerApplicant(t)).token,
      approver: (await createStaffUser(t, [Role.Approver])).token,
      finance: (await createStaffUser(t, [Role.Finance])).token,
      admin: (await createStaffUser(t, [Role.Admin])).token,
    };
    const f: Fixtures = {
      userId: staff.userId,
      planVersionId: ref.planVersionId,
      objective: Object.fromEntries(ref.objectives.map((o) => [o.number, o.id])),
      measure: Object.fromEntries(ref.objectives.flatMap((o) => o.measures.map((m) => [m.code, m.id]))),
    };
    objectiveTitle = Object.fromEntries(ref.objectives.map((o) => [o.number, o.title]));
    fy13 = ref.fundYearIds['community-safety-fund:2013/14']!;
    fy14 = ref.fundYearIds['community-safety-fund:2014/15']!;
    fy15 = ref.fundYearIds['community-safety-fund:2015/16']!;
    fy16 = ref.fundYearIds['community-safety-fund:2016/17']!;
    ct13 = ref.fundYearIds['charitable-trust-fund:2013/14']!;
    const [year17] = await ds.query(
      `INSERT INTO fund_years (fund_id, label, starts_on, ends_on, cap_pence)
       VALUES ($1, '2017/18', '2017-04-01', '2018-03-31', 100000000) RETURNING id`,
      [ref.fundIds['community-safety-fund']],
    );
    fy17 = year17.id;

    const org = {
      malvern: await insertOrganisation(ds, f.userId, {
        name: 'Malvern Watch',
        legalForm: 'constituted_community_group',
        area: MALVERN,
      }),
      worcester: await insertOrganisation(ds, f.userId, {
        name: 'Worcester Youth',
        legalForm: 'registered_charity',
        charity: '1234567',
        area: WORCESTER,
      }),
      redditch: await insertOrganisation(ds, f.userId, {
        name: 'Redditch Night Bus',
        legalForm: 'community_interest_company',
        company: '12345678',
        area: REDDITCH,
      }),
      county: await insertOrganisation(ds, f.userId, {
        name: 'County Council',
        legalForm: 'statutory_body',
        area: WORCESTERSHIRE,
      }),
      hereford: await insertOrganisation(ds, f.userId, {
        name: 'Hereford Parish',
        legalForm: 'parish_or_town_council',
        area: HEREFORDSHIRE,
      }),
    };
    r13a = await insertRound(ds, f, fy13, 'Spring 2013 round', '2013-04-15T09:00:00Z');
    // A title a spreadsheet would run as a formula, with a comma and quotes: the CSV must defuse and quote it.
    r13b = await insertRound(ds, f, fy13, '=Night-time economy, "late" round', '2013-09-01T09:00:00Z');
    const r14 = await insertRound(ds, f, fy14, 'Spring 2014 round', '2014-04-15T09:00:00Z');
    const r17 = await insertRound(ds, f, fy17, 'Spring 2017 round', '2017-04-15T09:00:00Z');
    const rt = await insertRound(ds, f, ct13, 'Trust round 2013', '2013-05-01T09:00:00Z');

    aw = {
      A1: await insertAward(ds, f, {
        reference: 'CSF-2013-000001',
        organisationId: org.malvern,
        round: r13a,
        status: 'accepted',
        amountPence: 1_000_000,
        objectives: [3, 9],
        targets: [
          ['3.1', 100],
          ['9.1', 20],
        ],
        ledger: [
          ['commitment', 1_000_000],
          ['payment', 600_000],
        ],
      }),
      A2: await insertAward(ds, f, {
        reference: 'CSF-2013-000002',
        organisationId: org.worcester,
        round: r13a,
        status: 'completed',
        amountPence: 800_000,
        objectives: [3, 5],
        targets: [
          ['3.1', 50],
          ['5.1', 12],
        ],
        ledger: [
          ['commitment', 800_000],
          ['payment', 750_000],
          ['release', 50_000],
        ],
      }),
      A3: await insertAward(ds, f, {
        reference: 'CSF-2013-000003',
        organisationId: org.redditch,
        round: r13b,
        status: 'revoked',
        amountPence: 500_000,
        objectives: [5],
        targets: [['5.1', 10]],
        ledger: [
          ['commitment', 500_000],
          ['payment', 200_000],
          ['release', 300_000],
          ['return', 50_000],
        ],
      }),
      A4: await insertAward(ds, f, {
        reference: 'CSF-2013-000004',
        organisationId: org.county,
        round: r13b,
        status: 'declined',
        amountPence: 400_000,
        objectives: [9],
        targets: [['9.1', 30]],
        ledger: [
          ['commitment', 400_000],
          ['release', 400_000],
        ],
      }),
      A5: await insertAward(ds, f, {
        reference: 'CSF-2013-000005',
        organisationId: org.malvern,
        round: r13b,
        status: 'offered',
        amountPence: 300_000,
        objectives: [10],
        ledger: [['commitment', 300_000]],
      }),
      A6: await insertAward(ds, f, {
        reference: 'CSF-2013-000006',
        organisationId: org.county,
        round: r13a,
        status: 'accepted',
        amountPence: 200_000,
        objectives: [3],
        targets: [['3.1', 25]],
        ledger: [
          ['commitment', 200_000],
          ['payment', 100_000],
        ],
      }),
      B1: await insertAward(ds, f, {
        reference: 'CSF-2014-000001',
        organisationId: org.hereford,
        round: r14,
        status: 'accepted',
        amountPence: 600_000,
        objectives: [3],
        targets: [['3.1', 40]],
        ledger: [
          ['commitment', 600_000],
          ['payment', 300_000],
        ],
      }),
      B2: await insertAward(ds, f, {
        reference: 'CSF-2014-000002',
        organisationId: org.malvern,
        round: r14,
        status: 'lapsed',
        amountPence: 250_000,
        objectives: [9],
        ledger: [
          ['commitment', 250_000],
          ['release', 250_000],
        ],
      }),
      B3: await insertAward(ds, f, {
        reference: 'CSF-2014-000003',
        organisationId: org.worcester,
        round: r14,
        status: 'accepted',
        amountPence: 350_000,
        objectives: [5],
        targets: [['5.1', 8]],
        ledger: [['commitment', 350_000]],
      }),
      D1: await insertAward(ds, f, {
        reference: 'CSF-2017-000001',
        organisationId: org.malvern,
        round: r17,
        status: 'accepted',
        amountPence: 123_400,
        objectives: [3],
        ledger: [['commitment', 123_400]],
      }),
      C1: await insertAward(ds, f, {
        reference: 'CTF-2013-000001',
        organisationId: org.redditch,
        round: rt,
        status: 'accepted',
        amountPence: 100_000,
        objectives: [10],
        ledger: [
          ['commitment', 100_000],
          ['payment', 100_000],
        ],
      }),
    };

    const a1Interim = await insertReport(ds, f, {
      awardId: aw.A1!,
      position: 1,
      kind: 'interim',
      status: 'accepted',
      periodEnd: '2013-09-30',
      figures: [
        ['3.1', 40],
        ['9.1', 5],
      ],
      caseStudies: [{ title: 'First months', story: 'Ten volunteers, two estates.', consent: false }],
    });
    const a1Final = await insertReport(ds, f, {
      awardId: aw.A1!,
      position: 2,
      kind: 'final',
      status: 'accepted',
      periodEnd: '2014-03-31',
      figures: [['3.1', 90]],
      caseStudies: [
        {
          title: 'A safer walk home',
          story: 'Jo, 19, from Link Top, walked home with the patrol every Friday.',
          consent: true,
          anonymised: 'A young woman walked home with the patrol every Friday.',
        },
      ],
    });
    const a2Final = await insertReport(ds, f, {
      awardId: aw.A2!,
      position: 1,
      kind: 'final',
      status: 'accepted',
      periodEnd: '2014-03-31',
      figures: [
        ['3.1', 60],
        ['5.1', 12.5],
      ],
      caseStudies: [{ title: 'The youth club', story: 'Sam, 15, "found somewhere to be".', consent: false }],
    });
    const a3Interim = await insertReport(ds, f, {
      awardId: aw.A3!,
      position: 1,
      kind: 'interim',
      status: 'submitted',
      periodEnd: '2013-12-31',
      figures: [['5.1', 7]],
      caseStudies: [{ title: 'Not yet reviewed', story: 'This must not appear.', consent: false }],
    });
    await insertReport(ds, f, {
      awardId: aw.B1!,
      position: 1,
      kind: 'interim',
      status: 'accepted',
      periodEnd: '2014-09-30',
      figures: [['3.1', 15]],
    });
    await insertReport(ds, f, {
      awardId: aw.B1!,
      position: 2,
      kind: 'final',
      status: 'submitted',
      periodEnd: '2015-03-31',
      figures: [['3.1', 35]],
    });
    study = {
      S1: a1Interim.caseStudyIds[0]!,
      S2: a1Final.caseStudyIds[0]!,
      S3: a2Final.caseStudyIds[0]!,
      S4: a3Interim.caseStudyIds[0]!,
      a1Interim: a1Interim.reportId,
      a1Final: a1Final.reportId,
      a2Final: a2Final.reportId,
    };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /reports/fund-years/:id', () => {
    it('gives the year’s position, the same as GET /fund-years/:id/position', async () => {
      const res = await t.get(`/api/v1/reports/fund-years/${fy13}`, { token: officer });
      expect(res.status).toBe(200);
      expect(res.body.fundYear).toEqual({
        id: fy13,
        fundId: ref.fundIds['community-safety-fund'],
        fundName: 'Community Safety Fund',
        label: '2013/14',
        startsOn: '2013-04-01',
        endsOn: '2014-03-31',
      });
      expect(res.body.position).toEqual({
        capPence: 100_000_000,
        overAllocationTolerancePence: 0,
        // 1,000,000 + 800,000 + 500,000 + 400,000 + 300,000 + 200,000 (A1–A6)
        committedPence: 3_200_000,
        // 50,000 (A2 completion) + 300,000 (A3 revocation) + 400,000 (A4 declined)
        releasedPence: 750_000,
        // 3,200,000 − 750,000
        netCommittedPence: 2_450_000,
        // 600,000 + 750,000 + 200,000 + 100,000 (A1, A2, A3, A6)
        paidPence: 1_650_000,
        returnedPence: 50_000, // A3
        netPaidPence: 1_600_000, // 1,650,000 − 50,000
        availablePence: 97_550_000, // 100,000,000 − 2,450,000
        headroomPence: 97_550_000, // no tolerance
      });
      const position = await t.get(`/api/v1/fund-years/${fy13}/position`);
      for (const key of Object.keys(res.body.position)) {
        expect(res.body.position[key], key).toBe(position.body[key]);
      }
      expect(res.body.countedStatuses).toEqual(['offered', 'accepted', 'completed', 'revoked']);
      // A1, A2, A3, A5, A6 (A4 declined is not counted); money as the position's
      expect(res.body.totals).toEqual({
        awards: 5,
        committedPence: 2_450_000,
        paidPence: 1_650_000,
        returnedPence: 50_000,
      });
    });

    it('breaks the awards down by area, partnership, objective, aim, round and legal form', async () => {
      const body = (await t.get(`/api/v1/reports/fund-years/${fy13}`, { token: officer })).body;
      expect(body.byArea).toEqual([
        // A1 1,000,000 (p 600,000) + A5 300,000
        row(MALVERN, 'Malvern Hills', 2, 1_300_000, 600_000, 0),
        // A3: 500,000 − 300,000
        row(REDDITCH, 'Redditch', 1, 200_000, 200_000, 50_000),
        // A2: 800,000 − 50,000
        row(WORCESTER, 'Worcester', 1, 750_000, 750_000, 0),
        // A6; A4 declined: 400,000 − 400,000 = 0 and not counted
        row(WORCESTERSHIRE, 'Worcestershire', 1, 200_000, 100_000, 0),
      ]);
      expect(body.byPartnership).toEqual([
        row('redditch', 'Redditch Community Safety Partnership', 1, 200_000, 200_000, 50_000),
        // Malvern Hills + Worcester: 1,300,000 + 750,000; paid 600,000 + 750,000
        row(
          'south-worcestershire',
          'South Worcestershire Community Safety Partnership',
          3,
          2_050_000,
          1_350_000,
          0,
        ),
        // Worcestershire (the county) is in no partnership
        row(null, 'No partnership', 1, 200_000, 100_000, 0),
      ]);
      const objective = (n: number) => `Objective ${n}: ${objectiveTitle[n]}`;
      expect(body.byObjective).toEqual([
        // A1 1,000,000 + A2 750,000 + A6 200,000; paid 600,000 + 750,000 + 100,000
        row(ref.objectives.find((o) => o.number === 3)!.id, objective(3), 3, 1_950_000, 1_450_000, 0),
        // A2 750,000 + A3 200,000; paid 750,000 + 200,000; returned 50,000 (A3)
        row(ref.objectives.find((o) => o.number === 5)!.id, objective(5), 2, 950_000, 950_000, 50_000),
        // A1 (A4 declined: 0, not counted)
        row(ref.objectives.find((o) => o.number === 9)!.id, objective(9), 1, 1_000_000, 600_000, 0),
        row(ref.objectives.find((o) => o.number === 10)!.id, objective(10), 1, 300_000, 0, 0), // A5
      ]);
      // A1 and A2 each serve two objectives: byObjective adds up to more than the year
      const sum = (rows: { committedPence: number }[]) => rows.reduce((n, r) => n + r.committedPence, 0);
      expect(sum(body.byObjective)).toBe(4_200_000); // 1,950,000 + 950,000 + 1,000,000 + 300,000
      const [aimA2, aimA3] = await t.dataSource.query(
        `SELECT id, title FROM aims WHERE plan_version_id = $1 AND code IN ('A2', 'A3') ORDER BY code`,
        [ref.planVersionId],
      );
      expect(body.byAim).toEqual([
        // objectives 3 and 5: A1, A2 (once, though it serves both), A3, A6
        // 1,000,000 + 750,000 + 200,000 + 200,000; paid 600,000 + 750,000 + 200,000 + 100,000
        row(aimA2.id, `A2: ${aimA2.title}`, 4, 2_150_000, 1_650_000, 50_000),
        // objectives 9 and 10: A1, A5 (A4 declined); 1,000,000 + 300,000
        row(aimA3.id, `A3: ${aimA3.title}`, 2, 1_300_000, 600_000, 0),
      ]);
      expect(body.byRound).toEqual([
        // A1, A2, A6: 1,000,000 + 750,000 + 200,000; paid 600,000 + 750,000 + 100,000
        row(r13a.id, 'Spring 2013 round', 3, 1_950_000, 1_450_000, 0),
        // A3, A5 (A4 declined): 200,000 + 300,000
        row(r13b.id, '=Night-time economy, "late" round', 2, 500_000, 200_000, 50_000),
      ]);
      expect(body.byLegalForm).toEqual([
        row('community_interest_company', 'Community interest company (CIC)', 1, 200_000, 200_000, 50_000),
        row('constituted_community_group', 'Constituted community group', 2, 1_300_000, 600_000, 0),
        row('registered_charity', 'Registered charity', 1, 750_000, 750_000, 0),
        row('statutory_body', 'Statutory body', 1, 200_000, 100_000, 0),
      ]);
      // The breakdowns where each award is in one row add up to the year exactly.
      for (const key of ['byArea', 'byPartnership', 'byRound', 'byLegalForm']) {
        expect(sum(body[key]), key).toBe(body.position.netCommittedPence);
      }
    });

    it('leaves out a row with nothing in it: a lapsed offer alone makes no row', async () => {
      const body = (await t.get(`/api/v1/reports/fund-years/${fy14}`, { token: officer })).body;
      // B1 Herefordshire, B3 Worcester; B2 (Malvern, lapsed) nets to 0 and is not counted
      expect(body.byArea).toEqual([
        row(HEREFORDSHIRE, 'Herefordshire', 1, 600_000, 300_000, 0),
        row(WORCESTER, 'Worcester', 1, 350_000, 0, 0),
      ]);
      expect(body.position.committedPence).toBe(1_200_000); // 600,000 + 250,000 + 350,000
      expect(body.position.netCommittedPence).toBe(950_000); // 1,200,000 − 250,000
      expect(body.totals).toEqual({
        awards: 2,
        committedPence: 950_000,
        paidPence: 300_000,
        returnedPence: 0,
      });
    });

    it('reports a year without awards as zeros and empty breakdowns', async () => {
      const body = (await t.get(`/api/v1/reports/fund-years/${fy15}`, { token: officer })).body;
      expect(body.totals).toEqual({ awards: 0, committedPence: 0, paidPence: 0, returnedPence: 0 });
      expect(body.position.availablePence).toBe(100_000_000);
      for (const key of ['byArea', 'byPartnership', 'byObjective', 'byAim', 'byRound', 'byLegalForm']) {
        expect(body[key], key).toEqual([]);
      }
    });

    it('gives the same figures as CSV: a total row, then one row per breakdown row', async () => {
      const json = (await t.get(`/api/v1/reports/fund-years/${fy13}`, { token: officer })).body;
      const res = await t.get(`/api/v1/reports/fund-years/${fy13}?format=csv`, { token: officer });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="fund-year-community-safety-fund-2013-14.csv"',
      );
      expect(res.text.split('\r\n')[0]).toBe(
        'breakdown,key,label,awards,committed_pounds,committed_pence,paid_pounds,paid_pence,returned_pounds,returned_pence',
      );
      const rows = csvObjects(res.text);
      const breakdowns: [string, string][] = [
        ['area', 'byArea'],
        ['partnership', 'byPartnership'],
        ['objective', 'byObjective'],
        ['aim', 'byAim'],
        ['round', 'byRound'],
        ['legal_form', 'byLegalForm'],
      ];
      const expected = [
        { breakdown: 'total', key: '', label: 'All awards', ...json.totals },
        ...breakdowns.flatMap(([name, key]) => json[key].map((r: any) => ({ breakdown: name, ...r }))),
      ];
      expect(rows).toHaveLength(expected.length); // 1 + 4 + 3 + 4 + 2 + 2 + 4
      expect(rows).toHaveLength(20);
      rows.forEach((r, i) => {
        const e = expected[i]!;
        expect(r.breakdown).toBe(e.breakdown);
        expect(r.key).toBe(e.key ?? '');
        expect(r.awards).toBe(String(e.awards));
        for (const m of ['committed', 'paid', 'returned']) {
          expect(r[`${m}_pence`]).toBe(String(e[`${m}Pence`]));
          expect(r[`${m}_pounds`]).toBe((e[`${m}Pence`] / 100).toFixed(2));
        }
        // a label a spreadsheet would run as a formula gets an apostrophe; the rest is as in the JSON
        expect(r.label).toBe(e.label.startsWith('=') ? `'${e.label}` : e.label);
      });
      expect(rows.find((r) => r.breakdown === 'area' && r.key === MALVERN)!.committed_pounds).toBe(
        '13000.00',
      );
      // the round's title, defused, then quoted for its comma and quotes
      expect(res.text).toContain(`"'=Night-time economy, ""late"" round"`);
      expect(rows.find((r) => r.breakdown === 'partnership' && r.key === '')!.label).toBe('No partnership');
    });
  });

  describe('GET /reports/plan-period', () => {
    it('puts the fund years starting within the plan period side by side', async () => {
      const res = await t.get(`/api/v1/reports/plan-period?planId=${ref.planId}`, { token: officer });
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body.plan).toEqual({
        id: ref.planId,
        key: 'forward-together',
        title: 'Forward Together: Police and Crime Plan for West Mercia',
        periodStart: '2013-04-01',
        periodEnd: '2017-03-31',
      });
      // 2013-04-01 to 2017-03-31: both funds' 2013/14 (the trust's first by name), then 2014/15–2016/17;
      // 2017/18 starts after the period ends
      const columns = [ct13, fy13, fy14, fy15, fy16];
      expect(body.fundYears.map((c: any) => c.fundYear.id)).toEqual(columns);
      expect(body.fundYears.map((c: any) => c.totals)).toEqual([
        { awards: 1, committedPence: 100_000, paidPence: 100_000, returnedPence: 0 }, // C1
        { awards: 5, committedPence: 2_450_000, paidPence: 1_650_000, returnedPence: 50_000 },
        { awards: 2, committedPence: 950_000, paidPence: 300_000, returnedPence: 0 },
        { awards: 0, committedPence: 0, paidPence: 0, returnedPence: 0 },
        { awards: 0, committedPence: 0, paidPence: 0, returnedPence: 0 },
      ]);
      expect(body.fundYears[0].position).toMatchObject({
        capPence: 2_000_000,
        netCommittedPence: 100_000,
        availablePence: 1_900_000, // 2,000,000 − 100,000
      });
      expect(body.fundYears[1].position.netCommittedPence).toBe(2_450_000);

      const zero = { awards: 0, committedPence: 0, paidPence: 0, returnedPence: 0 };
      const cells = (...figures: (typeof zero)[]) =>
        figures.map((f, i) => ({ fundYearId: columns[i], ...f }));
      const fig = (awards: number, committed: number, paid: number, returned: number) => ({
        awards,
        committedPence: committed,
        paidPence: paid,
        returnedPence: returned,
      });
      expect(body.byArea).toEqual([
        {
          key: HEREFORDSHIRE,
          label: 'Herefordshire',
          years: cells(zero, zero, fig(1, 600_000, 300_000, 0), zero, zero), // B1
          total: fig(1, 600_000, 300_000, 0),
        },
        {
          key: MALVERN,
          label: 'Malvern Hills',
          // 2014/15: B2 lapsed, nothing; D1 (2017/18) is outside the plan
          years: cells(zero, fig(2, 1_300_000, 600_000, 0), zero, zero, zero),
          total: fig(2, 1_300_000, 600_000, 0),
        },
        {
          key: REDDITCH,
          label: 'Redditch',
          years: cells(fig(1, 100_000, 100_000, 0), fig(1, 200_000, 200_000, 50_000), zero, zero, zero), // C1; A3
          total: fig(2, 300_000, 300_000, 50_000), // 100,000 + 200,000
        },
        {
          key: WORCESTER,
          label: 'Worcester',
          years: cells(zero, fig(1, 750_000, 750_000, 0), fig(1, 350_000, 0, 0), zero, zero), // A2; B3
          total: fig(2, 1_100_000, 750_000, 0), // 750,000 + 350,000
        },
        {
          key: WORCESTERSHIRE,
          label: 'Worcestershire',
          years: cells(zero, fig(1, 200_000, 100_000, 0), zero, zero, zero), // A6
          total: fig(1, 200_000, 100_000, 0),
        },
      ]);
      expect(body.byPartnership).toEqual([
        {
          key: 'herefordshire',
          label: 'Herefordshire Community Safety Partnership',
          years: cells(zero, zero, fig(1, 600_000, 300_000, 0), zero, zero),
          total: fig(1, 600_000, 300_000, 0),
        },
        {
          key: 'redditch',
          label: 'Redditch Community Safety Partnership',
          years: cells(fig(1, 100_000, 100_000, 0), fig(1, 200_000, 200_000, 50_000), zero, zero, zero),
          total: fig(2, 300_000, 300_000, 50_000),
        },
        {
          key: 'south-worcestershire',
          label: 'South Worcestershire Community Safety Partnership',
          // 2013/14: A1, A2, A5; 2014/15: B3 (B2 lapsed adds nothing)
          years: cells(zero, fig(3, 2_050_000, 1_350_000, 0), fig(1, 350_000, 0, 0), zero, zero),
          total: fig(4, 2_400_000, 1_350_000, 0), // 2,050,000 + 350,000
        },
        {
          key: null,
          label: 'No partnership',
          years: cells(zero, fig(1, 200_000, 100_000, 0), zero, zero, zero),
          total: fig(1, 200_000, 100_000, 0),
        },
      ]);
      const id = (n: number) => ref.objectives.find((o) => o.number === n)!.id;
      expect(
        body.byObjective.map((r: any) => [r.key, r.years.map((c: any) => c.committedPence), r.total]),
      ).toEqual([
        // 2013/14 A1 + A2 + A6 = 1,950,000; 2014/15 B1 600,000; 4 awards, paid 1,450,000 + 300,000
        [id(3), [0, 1_950_000, 600_000, 0, 0], fig(4, 2_550_000, 1_750_000, 0)],
        // 2013/14 A2 + A3 = 950,000; 2014/15 B3 350,000
        [id(5), [0, 950_000, 350_000, 0, 0], fig(3, 1_300_000, 950_000, 50_000)],
        // A1 only (A4 declined, B2 lapsed)
        [id(9), [0, 1_000_000, 0, 0, 0], fig(1, 1_000_000, 600_000, 0)],
        // C1 100,000; A5 300,000
        [id(10), [100_000, 300_000, 0, 0, 0], fig(2, 400_000, 100_000, 0)],
      ]);
      expect(body.byObjective[0].label).toBe(`Objective 3: ${objectiveTitle[3]}`);
    });

    it('gives the same figures as CSV, one row per breakdown row and year', async () => {
      const json = (await t.get(`/api/v1/reports/plan-period?planId=${ref.planId}`, { token: officer })).body;
      const res = await t.get(`/api/v1/reports/plan-period?planId=${ref.planId}&format=csv`, {
        token: officer,
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="plan-period-forward-together.csv"',
      );
      const rows = csvObjects(res.text);
      // 5 total rows, then (5 areas + 4 partnerships + 4 objectives) × 5 years
      expect(rows).toHaveLength(70);
      expect(Object.keys(rows[0]!)).toEqual([
        'breakdown',
        'key',
        'label',
        'fund',
        'fund_year',
        'fund_year_id',
        'awards',
        'committed_pounds',
        'committed_pence',
        'paid_pounds',
        'paid_pence',
        'returned_pounds',
        'returned_pence',
      ]);
      expect(
        rows.slice(0, 5).map((r) => [r.breakdown, r.fund, r.fund_year, r.awards, r.committed_pence]),
      ).toEqual([
        ['total', "Commissioner's charitable trust fund", '2013/14', '1', '100000'],
        ['total', 'Community Safety Fund', '2013/14', '5', '2450000'],
        ['total', 'Community Safety Fund', '2014/15', '2', '950000'],
        ['total', 'Community Safety Fund', '2015/16', '0', '0'],
        ['total', 'Community Safety Fund', '2016/17', '0', '0'],
      ]);
      for (const [name, key] of [
        ['area', 'byArea'],
        ['partnership', 'byPartnership'],
        ['objective', 'byObjective'],
      ] as const) {
        for (const r of json[key]) {
          for (const cell of r.years) {
            const found = rows.filter(
              (c) => c.breakdown === name && c.key === (r.key ?? '') && c.fund_year_id === cell.fundYearId,
            );
            expect(found).toHaveLength(1);
            expect(found[0]!.label).toBe(r.label);
            expect(Number(found[0]!.awards)).toBe(cell.awards);
            expect(Number(found[0]!.committed_pence)).toBe(cell.committedPence);
            expect(found[0]!.committed_pounds).toBe((cell.committedPence / 100).toFixed(2));
            expect(Number(found[0]!.paid_pence)).toBe(cell.paidPence);
            expect(Number(found[0]!.returned_pence)).toBe(cell.returnedPence);
          }
        }
      }
    });
  });

  describe('GET /reports/measures', () => {
    const measureOf = (body: any, code: string) => body.measures.find((m: any) => m.measureCode === code);

    it('adds up targets and the latest accepted figures of the plan’s awards, measure by measure', async () => {
      const res = await t.get(`/api/v1/reports/measures?planId=${ref.planId}`, { token: officer });
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body.scope.fundYear).toBeNull();
      expect(body.scope.plan.id).toBe(ref.planId);
      // every measure of the plan's published version, in objective then code order (1.9 before 1.10)
      const codes = ref.objectives.flatMap((o) => o.measures.map((m) => m.code));
      expect(body.measures.map((m: any) => m.measureCode)).toEqual(codes);
      expect(body.measures.map((m: any) => m.measureCode).slice(8, 11)).toEqual(['1.9', '1.10', '1.11']);

      const m31 = measureOf(body, '3.1');
      expect(m31).toMatchObject({
        planVersionNumber: 1,
        objectiveNumber: 3,
        measureCode: '3.1',
        description: 'Reduction in the volume of violent crime with injury',
        unit: 'count',
        grants: 4, // A1, A2, A6, B1
        targetTotal: 215, // 100 + 50 + 25 + 40
        grantsReporting: 3, // A1, A2, B1 (A6 has reported nothing)
        // A1's final 90 (its interim 40 is part of it), A2 60, B1's accepted interim 15 (its final 35 is
        // only submitted): 90 + 60 + 15
        reportedTotal: 165,
      });
      // A2 12.5; A3's 7 is in a report not accepted; B3 has reported nothing
      expect(measureOf(body, '5.1')).toMatchObject({
        grants: 3,
        targetTotal: 30,
        grantsReporting: 1,
        reportedTotal: 12.5,
      }); // targets 12 + 10 + 8
      // A1 only (A4 declined): its latest accepted report giving 9.1 is the interim (the final gives none)
      expect(measureOf(body, '9.1')).toMatchObject({
        grants: 1,
        targetTotal: 20,
        grantsReporting: 1,
        reportedTotal: 5,
      });
      expect(measureOf(body, '3.2')).toMatchObject({
        grants: 0,
        targetTotal: 0,
        grantsReporting: 0,
        reportedTotal: 0,
      });

      // Case studies of accepted reports of awards serving the objective, all of them, as written.
      const s1 = {
        id: study.S1,
        awardId: aw.A1,
        awardReference: 'CSF-2013-000001',
        reportId: study.a1Interim,
        reportKind: 'interim',
        title: 'First months',
        story: 'Ten volunteers, two estates.',
        consentToPublish: false,
        anonymisedStory: null,
      };
      const s2 = {
        id: study.S2,
        awardId: aw.A1,
        awardReference: 'CSF-2013-000001',
        reportId: study.a1Final,
        reportKind: 'final',
        title: 'A safer walk home',
        story: 'Jo, 19, from Link Top, walked home with the patrol every Friday.',
        consentToPublish: true,
        anonymisedStory: 'A young woman walked home with the patrol every Friday.',
      };
      const s3 = {
        id: study.S3,
        awardId: aw.A2,
        awardReference: 'CSF-2013-000002',
        reportId: study.a2Final,
        reportKind: 'final',
        title: 'The youth club',
        story: 'Sam, 15, "found somewhere to be".',
        consentToPublish: false,
        anonymisedStory: null,
      };
      expect(m31.caseStudies).toEqual([s1, s2, s3]); // objective 3: A1, A2 (A6, B1 have none)
      expect(m31.caseStudyCount).toBe(3);
      expect(measureOf(body, '3.2').caseStudies).toEqual([s1, s2, s3]); // the same objective
      expect(measureOf(body, '5.1').caseStudies).toEqual([s3]); // A2; A3's is in a report not accepted
      expect(measureOf(body, '9.1').caseStudies).toEqual([s1, s2]); // A1
      expect(measureOf(body, '10.1').caseStudies).toEqual([]); // A5, C1: no reports
      expect(JSON.stringify(body)).not.toContain(study.S4);
    });

    it('narrows to a fund year, and to a plan’s awards in a year', async () => {
      const year = (await t.get(`/api/v1/reports/measures?fundYearId=${fy14}`, { token: officer })).body;
      expect(year.scope.fundYear.label).toBe('2014/15');
      expect(year.scope.plan).toBeNull();
      // the plan whose period holds the year: all its measures are listed
      expect(year.measures).toHaveLength(ref.objectives.flatMap((o) => o.measures).length);
      // B1 only: its accepted interim 15
      expect(measureOf(year, '3.1')).toMatchObject({
        grants: 1,
        targetTotal: 40,
        grantsReporting: 1,
        reportedTotal: 15,
      });
      expect(measureOf(year, '3.1').caseStudies).toEqual([]);
      // B3, nothing reported yet
      expect(measureOf(year, '5.1')).toMatchObject({
        grants: 1,
        targetTotal: 8,
        grantsReporting: 0,
        reportedTotal: 0,
      });
      expect(measureOf(year, '9.1')).toMatchObject({ grants: 0, targetTotal: 0 }); // B2 lapsed

      const both = (
        await t.get(`/api/v1/reports/measures?fundYearId=${fy13}&planId=${ref.planId}`, { token: officer })
      ).body;
      expect(both.scope.fundYear.id).toBe(fy13);
      expect(both.scope.plan.id).toBe(ref.planId);
      // A1, A2, A6: targets 100 + 50 + 25; reported 90 + 60
      expect(measureOf(both, '3.1')).toMatchObject({
        grants: 3,
        targetTotal: 175,
        grantsReporting: 2,
        reportedTotal: 150,
      });
      // A2, A3: targets 12 + 10; reported 12.5 (A2)
      expect(measureOf(both, '5.1')).toMatchObject({
        grants: 2,
        targetTotal: 22,
        grantsReporting: 1,
        reportedTotal: 12.5,
      });
      expect(measureOf(both, '3.1').caseStudies.map((s: any) => s.id)).toEqual([
        study.S1,
        study.S2,
        study.S3,
      ]);
    });

    it('gives the same figures as CSV, one row per measure', async () => {
      const json = (await t.get(`/api/v1/reports/measures?planId=${ref.planId}`, { token: officer })).body;
      const res = await t.get(`/api/v1/reports/measures?planId=${ref.planId}&format=csv`, { token: officer });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="measures-forward-together.csv"');
      const rows = csvObjects(res.text);
      expect(rows).toHaveLength(json.measures.length);
      rows.forEach((r, i) => {
        const m = json.measures[i];
        expect(r).toEqual({
          plan_version: String(m.planVersionNumber),
          objective_number: String(m.objectiveNumber),
          objective_title: m.objectiveTitle,
          measure_id: m.measureId,
          measure_code: m.measureCode,
          description: m.description,
          unit: m.unit,
          grants: String(m.grants),
          target_total: String(m.targetTotal),
          grants_reporting: String(m.grantsReporting),
          reported_total: String(m.reportedTotal),
          case_studies: String(m.caseStudyCount),
        });
      });
      expect(rows.find((r) => r.measure_code === '3.1')).toMatchObject({
        target_total: '215',
        reported_total: '165',
        case_studies: '3',
      });
      expect(rows.find((r) => r.measure_code === '5.1')!.reported_total).toBe('12.5');
    });
  });

  describe('refusals', () => {
    const expectProblem = (res: HttpResult, status: number, fields: string[] = []) => {
      expect(res.status, res.text).toBe(status);
      expect(problemShapeErrors(res)).toEqual([]);
      for (const field of fields) expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    };

    it('answers bad input on every report with a clear 4xx, changing nothing', async () => {
      const before = await dbFingerprint(t.dataSource);
      const get = (url: string) => t.get(url, { token: officer });
      const missing = randomUUID();
      expectProblem(await get('/api/v1/reports/fund-years/not-a-uuid'), 400, ['id']);
      expectProblem(await get(`/api/v1/reports/fund-years/${missing}`), 404);
      expectProblem(await get(`/api/v1/reports/fund-years/${missing}?format=csv`), 404);
      expectProblem(await get(`/api/v1/reports/fund-years/${fy13}?format=xlsx`), 400, ['format']);
      expectProblem(await get(`/api/v1/reports/fund-years/${fy13}?format=csv&format=json`), 400, ['format']);
      expectProblem(await get(`/api/v1/reports/fund-years/${fy13}?planId=${ref.planId}`), 400, ['planId']);

      expectProblem(await get('/api/v1/reports/measures'), 400, ['fundYearId', 'planId']);
      expectProblem(await get('/api/v1/reports/measures?format=csv'), 400, ['fundYearId', 'planId']);
      expectProblem(await get('/api/v1/reports/measures?fundYearId=nope'), 400, ['fundYearId']);
      expectProblem(await get('/api/v1/reports/measures?planId='), 400, ['planId']);
      expectProblem(await get(`/api/v1/reports/measures?fundYearId=${missing}`), 404);
      expectProblem(await get(`/api/v1/reports/measures?planId=${missing}`), 404);
      expectProblem(await get(`/api/v1/reports/measures?fundYearId=${fy13}&planId=${missing}`), 404);
      expectProblem(await get(`/api/v1/reports/measures?planId=${ref.planId}&format=pdf`), 400, ['format']);
      expectProblem(await get(`/api/v1/reports/measures?planId=${ref.planId}&roundId=${r13a.id}`), 400, [
        'roundId',
      ]);

      expectProblem(await get('/api/v1/reports/plan-period'), 400, ['planId']);
      expectProblem(await get('/api/v1/reports/plan-period?format=csv'), 400, ['planId']);
      expectProblem(await get("/api/v1/reports/plan-period?planId=1' OR '1'='1"), 400, ['planId']);
      expectProblem(await get(`/api/v1/reports/plan-period?planId=${missing}`), 404);
      expectProblem(await get(`/api/v1/reports/plan-period?planId=${ref.planId}&format=CSV`), 400, [
        'format',
      ]);
      expect(await dbFingerprint(t.dataSource)).toEqual(before);
    });

    it('lets officers, approvers, finance and administrators read them, and nobody else', async () => {
      const urls = [
        `/api/v1/reports/fund-years/${fy13}`,
        `/api/v1/reports/measures?planId=${ref.planId}`,
        `/api/v1/reports/plan-period?planId=${ref.planId}`,
      ];
      for (const url of urls) {
        for (const role of ['officer', 'approver', 'finance', 'admin'] as const) {
          expect((await t.get(url, { token: tokens[role] })).status, `${role} ${url}`).toBe(200);
          expect(
            (await t.get(`${url}${url.includes('?') ? '&' : '?'}format=csv`, { token: tokens[role] })).status,
          ).toBe(200);
        }
        expectProblem(await t.get(url, { token: tokens.applicant }), 403);
        expectProblem(await t.get(url), 401);
      }
    });

    it('documents each report with its JSON schema, its CSV and the roles it needs', async () => {
      const doc = (await t.get('/api/openapi.json')).body;
      for (const path of [
        '/api/v1/reports/fund-years/{id}',
        '/api/v1/reports/measures',
        '/api/v1/reports/plan-period',
      ]) {
        const op = doc.paths[path].get;
        expect(op['x-roles']).toEqual(['officer', 'approver', 'finance', 'admin']);
        expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/Report/);
        expect(op.responses['200'].content['text/csv'].schema).toEqual({ type: 'string', format: 'binary' });
        expect(op.parameters.map((p: any) => p.name)).toContain('format');
      }
    });
  });
});
