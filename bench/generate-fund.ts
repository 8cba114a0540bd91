import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataSourceOptions, runMigrationsLocked } from '@grants/database';
import { ENTITIES, MIGRATIONS } from '@grants/schema';
import { loadProfileFile, seedProfile } from '@grants/seed';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, ensurePostgres, withDatabase } from '../tools/local-infra';

/**
 * Generates a large fund for the reports benchmark (bench/reports.ts), or by hand:
 *
 *   node dist/bench/generate-fund.js [--database grants_bench_fund] [--replace]
 *                                    [--awards 100000] [--reports 300000] [--organisations 3000]
 *
 * Migrates the database, seeds the West Mercia profile (as `npm run bench` does), then writes, in
 * set-based statements (INSERT … SELECT over generate_series, every choice a deterministic hash of the row
 * number):
 *
 * - staff (officers, approvers, finance) and one grant holder per organisation, with its membership;
 * - organisations of every legal form across the profile's areas (a few in the county, in no partnership);
 * - rounds: three a year in each Community Safety Fund year, one in the charitable trust fund's year,
 *   each funding every objective of the plan;
 * - per award: an application (awarded, with 1–3 objectives, 1–2 success measures each with a target,
 *   and 2–4 budget lines), its recommendation, its decision and the award, in one of the six statuses in
 *   proportions that follow the year (older years mostly completed; the latest mostly accepted or
 *   offered; every year some declined, lapsed and revoked);
 * - the ledger as the services write it: a commitment per award, releases (decline, lapse, completion,
 *   revocation), payments in one or two instalments, and returns of unspent or repaid money; the
 *   ledger's trigger keeps the fund-year and award totals, and every CHECK holds (the caps are raised
 *   first);
 * - monitoring reports (interims and a final per award that reached acceptance, exactly `--reports` in
 *   all), their figures against the application's measures (cumulative, as grant holders report them) and
 *   case studies in some accepted reports.
 *
 * Nothing is disabled: constraints and triggers all run. The database is VACUUMed and ANALYZEd at the end. Only what
 * the reports read, and what those rows need to exist, is written (no screenings, scores, conditions,
 * audit entries or register entries).
 */

const ROOT = resolve(__dirname, '../..');

export interface FundOptions {
  awards?: number;
  reports?: number;
  organisations?: number;
  /** Percent of accepted final reports with a case study (interims: a quarter of that). */
  caseStudyPercent?: number;
  /** Ledger rows per statement (see insertLedger). */
  ledgerChunk?: number;
  log?: (m: string) => void;
}

export interface GeneratedFund {
  seconds: number;
  counts: Record<string, number>;
  /** Seconds per step, in order. */
  steps: { step: string; seconds: number }[];
  planId: string;
  planVersionId: string;
}

/** A deterministic pseudo-random non-negative int from a row number and a salt (hashint8 mixes well). */
const h = (expr: string, salt: number): string =>
  `(hashint8((${expr})::bigint * 7919 + ${salt}) & 2147483647)`;

const STORY_SENTENCES = [
  'A young person referred by the neighbourhood team joined the Friday evening sessions in the autumn.',
  'Residents on the estate told us they had stopped using the underpass after dark.',
  'With the volunteers trained in the spring, the drop-in opened three evenings a week.',
  'The school reported fewer incidents at the bus stop once the mentoring scheme started.',
  'An older resident who had been targeted by doorstep callers now runs the scam awareness stall herself.',
  'The partnership officer helped us map where anti-social behaviour reports were concentrated.',
  'Parents said the holiday programme gave their children somewhere safe to go.',
  'Two of the first participants have since become peer mentors and lead sessions of their own.',
  'Shopkeepers on the high street joined the radio link scheme and share alerts every week.',
  'We changed the timetable after the first term, when the evaluation showed later sessions worked better.',
];

const sqlTextArray = (xs: readonly string[]): string =>
  `ARRAY[${xs.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

export async function generateFund(databaseUrl: string, options: FundOptions = {}): Promise<GeneratedFund> {
  const awards = options.awards ?? 100_000;
  const reports = options.reports ?? 300_000;
  const organisations = options.organisations ?? 3_000;
  const caseStudyPercent = options.caseStudyPercent ?? 10;
  const ledgerChunk = options.ledgerChunk ?? 1_000;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const steps: { step: string; seconds: number }[] = [];

  const ds = new DataSource(dataSourceOptions(databaseUrl, ENTITIES, MIGRATIONS, 2));
  await ds.initialize();
  let seeded: Awaited<ReturnType<typeof seedProfile>>;
  try {
    await runMigrationsLocked(ds);
    seeded = await seedProfile(ds, loadProfileFile(resolve(ROOT, 'profiles/west-mercia.json')));
  } finally {
    await ds.destroy();
  }
  steps.push({ step: 'migrate and seed the profile', seconds: (Date.now() - started) / 1000 });

  const client = new Client({ connectionString: databaseUrl, application_name: 'grants-generate-fund' });
  await client.connect();
  const step = async (name: string, sql: string, params: unknown[] = []): Promise<number> => {
    const t = Date.now();
    const res = await client.query(sql, params);
    const seconds = (Date.now() - t) / 1000;
    steps.push({ step: name, seconds });
    log(`${name}: ${res.rowCount ?? 0} rows in ${seconds.toFixed(1)} s`);
    return res.rowCount ?? 0;
  };
  try {
    const [{ n: existing }] = (await client.query(`SELECT count(*)::int AS n FROM awards`)).rows;
    if (existing > 0) throw new Error(`the database already holds ${existing} awards; use a fresh one`);
    const [{ n: objectiveCount }] = (
      await client.query(`SELECT count(*)::int AS n FROM objectives WHERE plan_version_id = $1`, [
        seeded.planVersionId,
      ])
    ).rows;
    if (objectiveCount === 0) throw new Error('the seeded plan version has no objectives');
    // A stride coprime with the objective count, so an application's 1–3 objectives are distinct.
    const stride = [5, 7, 3, 2, 1].find((s) => objectiveCount % s !== 0 || s === 1)!;

    await client.query(`SET work_mem = '64MB'`);

    // --- people --------------------------------------------------------------------------------------
    await step(
      'staff users',
      `INSERT INTO users (email, display_name, roles, email_verified_at)
       SELECT 'fund-' || r || '-' || i || '@bench.example', initcap(r) || ' ' || i, ARRAY[r], now()
         FROM unnest(ARRAY['officer', 'approver', 'finance']) r CROSS JOIN generate_series(1, 3) i`,
    );
    await client.query(`
      CREATE TEMP TABLE gen_staff AS
      SELECT (SELECT id FROM users WHERE email = 'fund-officer-1@bench.example') AS officer,
             (SELECT id FROM users WHERE email = 'fund-approver-1@bench.example') AS approver,
             (SELECT id FROM users WHERE email = 'fund-finance-1@bench.example') AS finance`);
    await step(
      'grant holders',
      `INSERT INTO users (email, display_name, roles, email_verified_at, created_at)
       SELECT 'holder-' || i || '@fund.bench.example', 'Grant holder ' || i, ARRAY['applicant'],
              TIMESTAMPTZ '2013-01-01' + i * interval '1 minute', TIMESTAMPTZ '2013-01-01' + i * interval '1 minute'
         FROM generate_series(1, $1::int) i`,
      [organisations],
    );

    // --- organisations -------------------------------------------------------------------------------
    // Areas: the nine districts and unitaries evenly, and one in fifty in the county (in no partnership).
    await client.query(`
      CREATE TEMP TABLE gen_areas AS
      SELECT row_number() OVER (ORDER BY code) - 1 AS idx, code,
             CASE code WHEN 'E06000019' THEN 'HR4' WHEN 'E06000051' THEN 'SY1' WHEN 'E06000020' THEN 'TF3'
                       WHEN 'E07000234' THEN 'B60' WHEN 'E07000235' THEN 'WR14' WHEN 'E07000236' THEN 'B97'
                       WHEN 'E07000237' THEN 'WR1' WHEN 'E07000238' THEN 'WR10' WHEN 'E07000239' THEN 'DY10'
                       ELSE 'WR5' END AS postcode_area,
             name AS town
        FROM areas WHERE type IN ('UA', 'NMD')`);
    const [{ n: districtCount }] = (await client.query(`SELECT count(*)::int AS n FROM gen_areas`)).rows;
    if (districtCount === 0) throw new Error('the profile has no unitary or district areas');
    const legalForm = `CASE WHEN lf < 30 THEN 'registered_charity' WHEN lf < 42 THEN 'cio'
        WHEN lf < 52 THEN 'company_limited_by_guarantee' WHEN lf < 60 THEN 'community_interest_company'
        WHEN lf < 80 THEN 'constituted_community_group' WHEN lf < 88 THEN 'parish_or_town_council'
        WHEN lf < 93 THEN 'school' WHEN lf < 96 THEN 'statutory_body' WHEN lf < 98 THEN 'other'
        ELSE 'individual' END`;
    await step(
      'organisations',
      `WITH o AS (
         SELECT i, ${h('i', 1)} % 100 AS lf, ${h('i', 2)} % 50 AS county, ${h('i', 3)} % ${districtCount} AS area
           FROM generate_series(1, $1::int) i
       ), f AS (SELECT i, county, area, ${legalForm} AS legal_form FROM o)
       INSERT INTO organisations (name, legal_form, charity_number, company_number, address_line1, town, postcode,
                                  local_authority_code, contact_email, created_by, created_at)
       SELECT CASE f.legal_form WHEN 'individual' THEN 'Grant holder ' || f.i
                                ELSE (ARRAY['Friends of', 'Together for', 'Safer', 'Youth Action', 'Community Watch',
                                            'Neighbours of', 'Voices of', 'Open Doors'])[1 + ${h('f.i', 4)} % 8]
                                     || ' ' || a.town || ' ' || f.i END,
              f.legal_form,
              CASE WHEN f.legal_form IN ('registered_charity', 'cio') THEN (1000000 + f.i)::text END,
              CASE WHEN f.legal_form IN ('company_limited_by_guarantee', 'community_interest_company')
                   THEN lpad((1000000 + f.i)::text, 8, '0') END,
              (1 + f.i % 200) || ' ' || (ARRAY['High Street', 'Church Lane', 'Station Road', 'Mill Street',
                                              'Victoria Road', 'The Green'])[1 + ${h('f.i', 5)} % 6],
              CASE WHEN f.county = 0 THEN 'Worcester' ELSE a.town END,
              CASE WHEN f.county = 0 THEN 'WR5' ELSE a.postcode_area END || ' ' || (f.i % 10)
                || chr(65 + ${h('f.i', 6)} % 26) || chr(65 + ${h('f.i', 7)} % 26),
              CASE WHEN f.county = 0 THEN 'E10000034' ELSE a.code END,
              'holder-' || f.i || '@fund.bench.example',
              u.id, u.created_at
         FROM f JOIN gen_areas a ON a.idx = f.area
         JOIN users u ON u.email = 'holder-' || f.i || '@fund.bench.example'`,
      [organisations],
    );
    await client.query(`
      CREATE TEMP TABLE gen_orgs AS
      SELECT row_number() OVER (ORDER BY o.created_at, o.id) - 1 AS idx, o.id, o.created_by AS holder
        FROM organisations o WHERE o.contact_email LIKE '%@fund.bench.example'`);
    await client.query(`CREATE UNIQUE INDEX ON gen_orgs (idx)`);
    await step(
      'organisation members',
      `INSERT INTO organisation_members (organisation_id, user_id, role) SELECT id, holder, 'owner' FROM gen_orgs`,
    );

    // --- money: caps, rounds ---------------------------------------------------------------------------
    // The profile's caps (£1m a year) hold about a hundred of these awards; the ledger's CHECK is the cap.
    await step('raise the caps', `UPDATE fund_years SET cap_pence = 1000000000000`);
    await step(
      'rounds',
      `INSERT INTO rounds (fund_year_id, plan_version_id, title, description, opens_at, closes_at, min_award_pence,
                           max_award_pence, max_project_months, acceptance_window_days, published_at, created_at)
       SELECT y.id, $1, f.name || ' ' || y.label || ' round ' || k, 'Generated for the reports benchmark',
              (y.starts_on + (k - 1) * interval '4 months' + interval '1 month') AT TIME ZONE 'Europe/London',
              (y.starts_on + (k - 1) * interval '4 months' + interval '1 month' + interval '6 weeks')
                AT TIME ZONE 'Europe/London',
              50000, 2500000, 12, 28,
              (y.starts_on + (k - 1) * interval '4 months' + interval '2 weeks') AT TIME ZONE 'Europe/London',
              (y.starts_on + (k - 1) * interval '4 months') AT TIME ZONE 'Europe/London'
         FROM fund_years y JOIN funds f ON f.id = y.fund_id
        CROSS JOIN LATERAL generate_series(1, CASE WHEN f.key = 'community-safety-fund' THEN 3 ELSE 1 END) k`,
      [seeded.planVersionId],
    );
    await step(
      'round objectives',
      `INSERT INTO round_objectives (round_id, objective_id, plan_version_id)
       SELECT r.id, o.id, r.plan_version_id FROM rounds r JOIN objectives o ON o.plan_version_id = r.plan_version_id`,
    );
    // The main fund's rounds take 98% of the awards, evenly; the trust fund's round the rest. Each year is
    // numbered 0–3 by its start (the trust fund's one year is 2013/14, year 0).
    await client.query(`
      CREATE TEMP TABLE gen_rounds AS
      SELECT CASE WHEN f.key = 'community-safety-fund'
                  THEN row_number() OVER (PARTITION BY f.key = 'community-safety-fund' ORDER BY r.opens_at, r.id) - 1
                  ELSE -1 - (row_number() OVER (PARTITION BY f.key = 'community-safety-fund' ORDER BY r.opens_at, r.id) - 1)
             END AS idx,
             r.id, r.fund_year_id, r.plan_version_id, r.opens_at, r.closes_at,
             dense_rank() OVER (ORDER BY y.starts_on) - 1 AS year_idx,
             CASE WHEN f.key = 'community-safety-fund' THEN 'CSF' ELSE 'CTF' END AS prefix
        FROM rounds r JOIN fund_years y ON y.id = r.fund_year_id JOIN funds f ON f.id = y.fund_id`);
    const [{ main, trust }] = (
      await client.query(
        `SELECT count(*) FILTER (WHERE idx >= 0)::int AS main, count(*) FILTER (WHERE idx < 0)::int AS trust
           FROM gen_rounds`,
      )
    ).rows;
    if (main === 0) throw new Error('no Community Safety Fund rounds were made');

    // --- one row per award: every choice made once, here ----------------------------------------------
    const amount = `(50000 + round(power(${h('g', 11)} % 1000, 2) / 1000000.0 * 2450000 / 5000) * 5000)::bigint`;
    await step(
      'award plan',
      `CREATE TEMP TABLE gen_awards AS
       WITH base AS (
         SELECT g,
                CASE WHEN $3::int > 0 AND ${h('g', 10)} % 100 < 2 THEN -1 - ${h('g', 12)} % greatest($3::int, 1)
                     ELSE ${h('g', 12)} % $2::int END AS round_idx,
                ${h('g', 13)} % $4::int AS org_idx,
                ${amount} AS amount,
                ${h('g', 14)} % 1000 AS su, ${h('g', 15)} % 1000 AS sv, ${h('g', 16)} % 100 AS pay,
                ${h('g', 17)} % 100 AS unspent_roll, ${h('g', 18)} % 100 AS return_roll,
                3 + ${h('g', 19)} % 10 AS months
           FROM generate_series(0, $1::int - 1) g
       ), s AS (
         SELECT b.*, r.id AS round_id, r.fund_year_id, r.plan_version_id, r.year_idx, r.opens_at, r.closes_at,
                r.prefix, o.id AS org_id, o.holder,
                CASE WHEN b.su < 50 THEN 'declined' WHEN b.su < 90 THEN 'lapsed' WHEN b.su < 115 THEN 'revoked'
                     WHEN r.year_idx = 0 THEN CASE WHEN b.sv < 980 THEN 'completed' ELSE 'accepted' END
                     WHEN r.year_idx = 1 THEN CASE WHEN b.sv < 950 THEN 'completed' ELSE 'accepted' END
                     WHEN r.year_idx = 2 THEN CASE WHEN b.sv < 10 THEN 'offered' WHEN b.sv < 610 THEN 'completed'
                                                   ELSE 'accepted' END
                     ELSE CASE WHEN b.sv < 120 THEN 'offered' WHEN b.sv < 170 THEN 'completed' ELSE 'accepted' END
                END AS status,
                r.closes_at + interval '35 days' + (b.g % 10) * interval '1 day' + interval '10 hours' AS decided_at
           FROM base b
           JOIN gen_rounds r ON r.idx = b.round_idx
           JOIN gen_orgs o ON o.idx = b.org_idx
       ), d AS (
         SELECT s.*,
                least(2500000, s.amount + CASE WHEN ${h('s.g', 20)} % 100 < 20
                                               THEN (s.amount * (10 + ${h('s.g', 21)} % 30) / 10000) * 100 ELSE 0 END)
                  AS requested,
                (s.decided_at AT TIME ZONE 'Europe/London')::date AS decided_on,
                (s.decided_at AT TIME ZONE 'Europe/London')::date + 21 AS start_date
           FROM (SELECT s.*, (1 + ${h('s.g', 22)} % 20) * interval '1 day' AS offered_at_shift FROM s) s
       )
       SELECT d.g, gen_random_uuid() AS app_id, gen_random_uuid() AS rec_id, gen_random_uuid() AS dec_id,
              gen_random_uuid() AS award_id,
              d.round_id, d.fund_year_id, d.plan_version_id, d.year_idx, d.org_id, d.holder, d.status, d.amount,
              d.requested, d.opens_at, d.closes_at, d.decided_at, d.decided_on,
              d.prefix || '-' || extract(year FROM d.opens_at AT TIME ZONE 'Europe/London') || '-'
                || lpad((d.g + 1)::text, 6, '0') AS reference,
              d.decided_on + 28 AS acceptance_deadline,
              CASE WHEN d.status IN ('accepted', 'completed', 'revoked') THEN d.decided_at + d.offered_at_shift END
                AS accepted_at,
              CASE WHEN d.status = 'declined' THEN d.decided_at + d.offered_at_shift END AS declined_at,
              CASE WHEN d.status = 'lapsed' THEN ((d.decided_on + 29)::timestamp + interval '2 hours')
                                                   AT TIME ZONE 'Europe/London' END AS lapsed_at,
              d.start_date, (d.start_date + d.months * interval '1 month' - interval '1 day')::date AS end_date,
              d.months,
              -- payments, release, return and the repayment still due, by status (see the ledger below)
              CASE WHEN d.status = 'accepted' AND d.pay >= 35 AND d.pay < 80 THEN d.amount / 2
                   WHEN d.status = 'accepted' AND d.pay >= 80 THEN d.amount / 2
                   WHEN d.status = 'completed' AND d.pay < 10 THEN d.amount * 9 / 10
                   WHEN d.status = 'completed' AND d.pay < 50 THEN d.amount
                   WHEN d.status = 'completed' THEN d.amount / 2
                   WHEN d.status = 'revoked' AND d.pay >= 30 THEN d.amount / 2 END AS pay1,
              CASE WHEN d.status = 'accepted' AND d.pay >= 80 THEN d.amount - d.amount / 2
                   WHEN d.status = 'completed' AND d.pay >= 50 THEN d.amount - d.amount / 2 END AS pay2,
              CASE WHEN d.status = 'completed' AND d.pay >= 10 AND d.unspent_roll < 20
                   THEN (d.amount * (5 + ${h('d.g', 23)} % 16) / 10000) * 100 ELSE 0 END AS unspent,
              d.return_roll,
              ${h('d.g', 24)} % 100 AS repay_roll
         FROM d`,
      [awards, main, trust, organisations],
    );
    await client.query(`
      ALTER TABLE gen_awards
        ADD COLUMN paid bigint, ADD COLUMN release bigint, ADD COLUMN release_cause text,
        ADD COLUMN release_at timestamptz, ADD COLUMN returned bigint, ADD COLUMN repayment_due bigint,
        ADD COLUMN completed_at timestamptz, ADD COLUMN revoked_at timestamptz`);
    await client.query(`
      UPDATE gen_awards SET
        paid = coalesce(pay1, 0) + coalesce(pay2, 0),
        completed_at = CASE WHEN status = 'completed'
                            THEN ((end_date + 45)::timestamp + interval '11 hours') AT TIME ZONE 'Europe/London' END,
        revoked_at = CASE WHEN status = 'revoked'
                          THEN ((start_date + months * 15)::timestamp + interval '15 hours') AT TIME ZONE 'Europe/London' END`);
    await client.query(`
      UPDATE gen_awards SET
        -- Declined and lapsed offers are released in full; a completed award releases what it did not use
        -- (amount − (paid − unspent)); a revoked one what was unpaid.
        release = CASE WHEN status IN ('declined', 'lapsed') THEN amount
                       WHEN status = 'completed' AND amount - paid + unspent > 0 THEN amount - paid + unspent
                       WHEN status = 'revoked' THEN amount - paid END,
        release_cause = CASE status WHEN 'declined' THEN 'decline' WHEN 'lapsed' THEN 'lapse'
                                    WHEN 'completed' THEN 'completion' WHEN 'revoked' THEN 'revocation' END,
        release_at = coalesce(declined_at, lapsed_at, completed_at, revoked_at),
        -- Unspent money is returned four times in five; half the revoked awards that were paid owe half of it.
        returned = CASE WHEN status = 'completed' AND unspent > 0 AND return_roll < 80 THEN unspent
                        WHEN status = 'revoked' AND paid > 0 AND repay_roll < 50 AND return_roll < 50 THEN paid / 2 END,
        repayment_due = CASE WHEN status = 'completed' AND unspent > 0 AND return_roll >= 80 THEN unspent
                             WHEN status = 'revoked' AND paid > 0 AND repay_roll < 50 AND return_roll >= 50 THEN paid / 2
                             ELSE 0 END`);
    await client.query(`CREATE UNIQUE INDEX ON gen_awards (g)`);
    await client.query(`ANALYZE gen_awards`);

    // --- applications and what they committed to -------------------------------------------------------
    await step(
      'applications',
      `INSERT INTO applications (id, reference, organisation_id, round_id, plan_version_id, status, title, summary,
                                 start_date, end_date, amount_requested_pence, exit_plan, safeguarding_confirmed,
                                 declaration_information_true, declaration_one_off_understood,
                                 declaration_conditions_understood, declaration_data_protection,
                                 involves_children_or_adults_at_risk, created_by, created_at, updated_at,
                                 submitted_at, submitted_by)
       SELECT a.app_id, a.reference, a.org_id, a.round_id, a.plan_version_id, 'awarded',
              (ARRAY['Safer streets', 'Youth diversion', 'Scam awareness', 'Rural crime watch', 'Night-time economy',
                     'Domestic abuse support', 'Restorative justice', 'Road safety'])[1 + ${h('a.g', 30)} % 8]
                || ' project ' || (a.g + 1),
              'Activities for the community that reduce crime and disorder, generated for the benchmark.',
              a.start_date, a.end_date, a.requested,
              'The activity ends with the grant, or continues with the volunteers it trained.',
              true, true, true, true, true, ${h('a.g', 31)} % 3 = 0, a.holder,
              a.opens_at + (2 + a.g % 20) * interval '1 day', a.decided_at,
              a.opens_at + (3 + a.g % 30) * interval '1 day', a.holder
         FROM gen_awards a`,
    );
    await step(
      'application objectives',
      `INSERT INTO application_objectives (application_id, objective_id, position, contribution)
       SELECT a.app_id, o.id, j, 'How the project serves objective ' || o.number || '.'
         FROM gen_awards a
        CROSS JOIN LATERAL generate_series(0, CASE WHEN ${h('a.g', 32)} % 10 < 5 THEN 0
                                                   WHEN ${h('a.g', 32)} % 10 < 8 THEN 1 ELSE 2 END) j
         JOIN objectives o ON o.plan_version_id = a.plan_version_id
          AND o.number = ((${h('a.g', 33)} % $1::int) + j * $2::int) % $1::int + 1`,
      [objectiveCount, stride],
    );
    await client.query(`
      CREATE TEMP TABLE gen_measures AS
      SELECT sm.objective_id, sm.id AS measure_id, sm.unit,
             row_number() OVER (PARTITION BY sm.objective_id ORDER BY length(sm.code), sm.code) - 1 AS mi,
             count(*) OVER (PARTITION BY sm.objective_id) AS cnt
        FROM success_measures sm`);
    // One or two of each objective's measures, with a target in the measure's unit.
    await step(
      'application measures',
      `WITH ao AS (
         SELECT a.g, ao.application_id, ao.objective_id, ao.position,
                ${h('a.g * 16 + ao.position', 34)} AS r1, ${h('a.g * 16 + ao.position', 35)} AS r2,
                ${h('a.g * 16 + ao.position', 36)} AS r3
           FROM gen_awards a JOIN application_objectives ao ON ao.application_id = a.app_id
       ), picked AS (
         SELECT ao.g, ao.application_id, ao.position AS objective_position, m.measure_id, m.unit, m.mi
           FROM ao JOIN gen_measures m ON m.objective_id = ao.objective_id
          WHERE m.mi = ao.r1 % m.cnt
             OR (m.cnt > 1 AND ao.r2 % 100 < 50 AND m.mi = (ao.r1 % m.cnt + 1 + ao.r3 % (m.cnt - 1)) % m.cnt)
       )
       INSERT INTO application_measures (application_id, measure_id, position, target, baseline)
       SELECT p.application_id, p.measure_id,
              row_number() OVER (PARTITION BY p.application_id ORDER BY p.objective_position, p.mi) - 1,
              CASE p.unit WHEN 'count' THEN 20 + ${h('p.g * 64 + p.mi', 37)} % 480
                          WHEN 'percent' THEN 5 + ${h('p.g * 64 + p.mi', 37)} % 46
                          WHEN 'pounds' THEN 500 + ${h('p.g * 64 + p.mi', 37)} % 20000
                          WHEN 'rate' THEN 1 + ${h('p.g * 64 + p.mi', 37)} % 20
                          ELSE 1 END,
              CASE WHEN p.unit = 'percent' THEN ${h('p.g * 64 + p.mi', 38)} % 30 END
         FROM picked p`,
    );
    await step(
      'budget lines',
      `INSERT INTO application_budget_lines (application_id, position, description, category, amount_pence)
       SELECT a.app_id, j, 'Budget line ' || (j + 1),
              (ARRAY['staff', 'volunteer_expenses', 'equipment', 'materials', 'venue_hire', 'training', 'publicity',
                     'travel', 'evaluation', 'management_and_overheads'])[1 + (${h('a.g', 39)} + j * 3) % 10],
              CASE WHEN j < n - 1 THEN (a.requested / n / 100) * 100
                   ELSE a.requested - (n - 1) * ((a.requested / n / 100) * 100) END
         FROM (SELECT a.*, 2 + ${h('a.g', 40)} % 3 AS n FROM gen_awards a) a
        CROSS JOIN LATERAL generate_series(0, a.n - 1) j`,
    );

    // --- recommendation, decision, award --------------------------------------------------------------
    await step(
      'recommendations',
      `INSERT INTO recommendations (id, application_id, outcome, amount_pence, weighted_points, max_points,
                                    moderated_scores, reasons, summary, recorded_by, recorded_at)
       SELECT a.rec_id, a.app_id, CASE WHEN a.requested > a.amount THEN 'fund_in_part' ELSE 'fund_in_full' END,
              a.amount, 250 + ${h('a.g', 41)} % 230, 500, '[]', '[]',
              'Meets the objectives it names; the panel recommends funding.', s.officer,
              a.closes_at + interval '20 days'
         FROM gen_awards a CROSS JOIN gen_staff s`,
    );
    await step(
      'decisions',
      `INSERT INTO decisions (id, application_id, recommendation_id, outcome, amount_pence, reasons,
                              acceptance_deadline, decided_by, decided_role, decided_at)
       SELECT a.dec_id, a.app_id, a.rec_id, 'award', a.amount, 'Meets the objectives of the plan',
              a.acceptance_deadline, s.approver, 'approver', a.decided_at
         FROM gen_awards a CROSS JOIN gen_staff s`,
    );
    await step(
      'awards',
      `INSERT INTO awards (id, application_id, decision_id, organisation_id, round_id, fund_year_id, reference, status,
                           offered_amount_pence, amount_pence, acceptance_deadline, end_date, offered_at, accepted_at,
                           accepted_by, signatory_name, signatory_position, declined_at, decline_reason, lapsed_at,
                           revoked_at, revocation_reason, completed_at, unspent_pence, created_at)
       SELECT a.award_id, a.app_id, a.dec_id, a.org_id, a.round_id, a.fund_year_id, a.reference, a.status,
              a.amount, a.amount, a.acceptance_deadline, a.end_date, a.decided_at, a.accepted_at,
              CASE WHEN a.accepted_at IS NOT NULL THEN a.holder END,
              CASE WHEN a.accepted_at IS NOT NULL THEN 'Signatory ' || (a.g + 1) END,
              CASE WHEN a.accepted_at IS NOT NULL THEN 'Treasurer' END,
              a.declined_at, CASE WHEN a.declined_at IS NOT NULL THEN 'We found other funding' END, a.lapsed_at,
              a.revoked_at, CASE WHEN a.revoked_at IS NOT NULL THEN 'The conditions of the grant were not met' END,
              a.completed_at, CASE WHEN a.status = 'completed' THEN a.unspent END, a.decided_at
         FROM gen_awards a`,
    );

    // --- the ledger ----------------------------------------------------------------------------------
    // Every entry's AFTER INSERT trigger updates its fund year's row (and a payment's or return's award).
    // Within one transaction each of those updates leaves a new version of the same few fund-year rows, and
    // each next update walks past all of them, so one statement of n entries costs O(n²); the entries go in
    // commitments first, then payments, releases and returns (each CHECK holds at every step), in
    // statements of `ledgerChunk` rows, each its own transaction so the dead versions can be pruned.
    await step(
      'ledger plan',
      `CREATE TEMP TABLE gen_ledger AS
       SELECT row_number() OVER (ORDER BY e.phase, e.occurred_on, e.g) AS seq, e.*
         FROM (
           SELECT 1 AS phase, a.g, a.fund_year_id, a.award_id, 'commitment' AS kind, a.amount AS amount_pence,
                  'award' AS cause, NULL::text AS reference, a.decided_on AS occurred_on, s.approver AS recorded_by,
                  a.decided_at AS recorded_at
             FROM gen_awards a CROSS JOIN gen_staff s
           UNION ALL
           SELECT 2, a.g, a.fund_year_id, a.award_id, 'payment', a.pay1, 'payment', 'BACS ' || lpad((a.g + 1)::text, 6, '0') || '-1',
                  (a.accepted_at AT TIME ZONE 'Europe/London')::date + 7, s.finance,
                  a.accepted_at + interval '7 days 2 hours'
             FROM gen_awards a CROSS JOIN gen_staff s WHERE a.pay1 IS NOT NULL
           UNION ALL
           SELECT 2, a.g, a.fund_year_id, a.award_id, 'payment', a.pay2, 'payment', 'BACS ' || lpad((a.g + 1)::text, 6, '0') || '-2',
                  a.start_date + a.months * 15, s.finance,
                  ((a.start_date + a.months * 15)::timestamp + interval '10 hours') AT TIME ZONE 'Europe/London'
             FROM gen_awards a CROSS JOIN gen_staff s WHERE a.pay2 IS NOT NULL
           UNION ALL
           SELECT 3, a.g, a.fund_year_id, a.award_id, 'release', a.release, a.release_cause, NULL,
                  (a.release_at AT TIME ZONE 'Europe/London')::date, s.approver, a.release_at
             FROM gen_awards a CROSS JOIN gen_staff s WHERE a.release > 0
           UNION ALL
           SELECT 4, a.g, a.fund_year_id, a.award_id, 'return', a.returned, 'return', 'Remittance ' || (a.g + 1),
                  (coalesce(a.completed_at, a.revoked_at) AT TIME ZONE 'Europe/London')::date + 20, s.finance,
                  coalesce(a.completed_at, a.revoked_at) + interval '20 days'
             FROM gen_awards a CROSS JOIN gen_staff s WHERE a.returned > 0
         ) e`,
    );
    await client.query(`CREATE UNIQUE INDEX ON gen_ledger (seq)`);
    const [{ n: ledgerRows }] = (await client.query(`SELECT count(*)::int AS n FROM gen_ledger`)).rows;
    {
      const t = Date.now();
      for (let from = 1; from <= ledgerRows; from += ledgerChunk) {
        await client.query(
          `INSERT INTO ledger_entries (fund_year_id, award_id, kind, amount_pence, cause, reference, occurred_on,
                                       recorded_by, recorded_at)
           SELECT fund_year_id, award_id, kind, amount_pence, cause, reference, occurred_on, recorded_by, recorded_at
             FROM gen_ledger WHERE seq BETWEEN $1 AND $2 ORDER BY seq`,
          [from, from + ledgerChunk - 1],
        );
      }
      const seconds = (Date.now() - t) / 1000;
      steps.push({ step: 'ledger entries', seconds });
      log(
        `ledger entries: ${ledgerRows} rows in ${seconds.toFixed(1)} s (${Math.ceil(ledgerRows / ledgerChunk)} statements)`,
      );
    }
    await step(
      'repayments due',
      `UPDATE awards w SET repayment_due_pence = a.repayment_due
         FROM gen_awards a WHERE w.id = a.award_id AND a.repayment_due > 0`,
    );

    // --- monitoring ----------------------------------------------------------------------------------
    // Awards that reached acceptance report; each gets n reports (interims, then its final), n spread so
    // the total is exactly `reports`: weights 1–4 laid end to end and cut into `reports` equal pieces.
    await step(
      'monitoring plan',
      `CREATE TEMP TABLE gen_reports AS
       WITH w AS (
         SELECT a.*, 1 + ${h('a.g', 50)} % 4 AS weight FROM gen_awards a
          WHERE a.status IN ('accepted', 'completed', 'revoked')
       ), c AS (
         SELECT w.*, sum(weight) OVER (ORDER BY g) AS upto, sum(weight) OVER () AS total FROM w
       ), n AS (
         SELECT c.*, (floor($1::numeric * upto / total) - floor($1::numeric * (upto - weight) / total))::int AS n
           FROM c
       ), r AS (
         SELECT n.g, n.award_id, n.app_id, n.holder, n.status AS award_status, n.unspent, n.start_date, n.end_date,
                n.n, p, CASE WHEN n.status = 'completed' THEN n.n ELSE ${h('n.g', 51)} % n.n END AS done,
                ${h('n.g * 16 + p', 52)} % 10 AS roll
           FROM n CROSS JOIN LATERAL generate_series(1, n.n) p
          WHERE n.n > 0
       ), d AS (
         SELECT r.*, CASE WHEN p = n THEN 'final' ELSE 'interim' END AS kind,
                CASE WHEN p = n THEN end_date ELSE start_date + ((end_date - start_date) * p / n) END AS period_end,
                CASE WHEN p < done THEN 'accepted'
                     WHEN p = done AND (award_status = 'completed' OR roll < 6) THEN 'accepted'
                     WHEN p = done AND roll < 9 THEN 'submitted'
                     WHEN p = done THEN 'changes_requested'
                     ELSE 'due' END AS status
           FROM r
       )
       SELECT row_number() OVER (ORDER BY g, p) AS rn, gen_random_uuid() AS id, d.*,
              CASE WHEN kind = 'final' THEN period_end + 28 ELSE period_end END AS due_on
         FROM d`,
      [reports],
    );
    await client.query(`ANALYZE gen_reports`);
    await step(
      'monitoring reports',
      `INSERT INTO monitoring_reports (id, award_id, position, kind, period_start, period_end, due_on, status, progress,
                                       problems, unspent_pence, submitted_at, submitted_by, reviewed_at, reviewed_by,
                                       review_comments, created_at, updated_at)
       SELECT r.id, r.award_id, r.p, r.kind, r.start_date, r.period_end, r.due_on, r.status,
              CASE WHEN r.status <> 'due' THEN 'Report ' || r.p || ' of ' || r.n || ': the activities ran as planned.' END,
              CASE WHEN r.status <> 'due' AND r.roll = 0 THEN 'Recruiting volunteers took longer than planned.' END,
              CASE WHEN r.kind = 'final' AND r.status <> 'due' THEN r.unspent END,
              CASE WHEN r.status <> 'due' THEN ((r.due_on - 3 + r.roll)::timestamp + interval '14 hours')
                                                 AT TIME ZONE 'Europe/London' END,
              CASE WHEN r.status <> 'due' THEN r.holder END,
              CASE WHEN r.status IN ('accepted', 'changes_requested')
                   THEN ((r.due_on + 4 + r.roll)::timestamp + interval '11 hours') AT TIME ZONE 'Europe/London' END,
              CASE WHEN r.status IN ('accepted', 'changes_requested') THEN s.officer END,
              CASE WHEN r.status = 'changes_requested' THEN 'Please give the figures for every measure.' END,
              (r.start_date::timestamp + interval '9 hours') AT TIME ZONE 'Europe/London',
              (r.start_date::timestamp + interval '9 hours') AT TIME ZONE 'Europe/London'
         FROM gen_reports r CROSS JOIN gen_staff s`,
    );
    // Figures are cumulative: report p of n gives about p/n of the target (60–130% of the way there),
    // one measure in ten left out; reports not yet submitted give none.
    await step(
      'monitoring figures',
      `INSERT INTO monitoring_report_figures (report_id, measure_id, value, note)
       SELECT r.id, am.measure_id,
              CASE WHEN sm.unit = 'text' THEN 1
                   ELSE round(am.target * r.p / r.n * (60 + ${h('r.rn * 32 + am.position', 53)} % 71) / 100.0) END,
              CASE WHEN ${h('r.rn * 32 + am.position', 54)} % 20 = 0 THEN 'Counted from the sign-in sheets.' END
         FROM gen_reports r
         JOIN application_measures am ON am.application_id = r.app_id
         JOIN success_measures sm ON sm.id = am.measure_id
        WHERE r.status <> 'due' AND ${h('r.rn * 32 + am.position', 55)} % 10 <> 0`,
    );
    const sentences = sqlTextArray(STORY_SENTENCES);
    await step(
      'case studies',
      `INSERT INTO monitoring_case_studies (report_id, position, title, story, consent_to_publish, anonymised_story)
       SELECT r.id, 0, 'What changed for ' || (ARRAY['a young person', 'a resident', 'a volunteer', 'a family',
                                                   'a shopkeeper', 'an older resident'])[1 + ${h('r.rn', 56)} % 6],
              s1 || ' ' || s2 || ' ' || s3 || ' ' || s4,
              ${h('r.rn', 57)} % 10 < 6,
              CASE WHEN ${h('r.rn', 57)} % 10 < 6 THEN s1 || ' ' || s3 END
         FROM gen_reports r
        CROSS JOIN LATERAL (
          SELECT (${sentences})[1 + ${h('r.rn', 58)} % ${STORY_SENTENCES.length}] AS s1,
                 (${sentences})[1 + ${h('r.rn', 59)} % ${STORY_SENTENCES.length}] AS s2,
                 (${sentences})[1 + ${h('r.rn', 60)} % ${STORY_SENTENCES.length}] AS s3,
                 (${sentences})[1 + ${h('r.rn', 61)} % ${STORY_SENTENCES.length}] AS s4
        ) t
        WHERE r.status = 'accepted'
          AND ${h('r.rn', 62)} % 400 < CASE WHEN r.kind = 'final' THEN 4 * $1::int ELSE $1::int END`,
      [caseStudyPercent],
    );

    {
      // VACUUM as well as ANALYZE: a database that has been in use has been through autovacuum, so its
      // pages are marked all-visible (index-only scans) and their hint bits set; without it the first
      // report to read each page would be the one to write them.
      const t = Date.now();
      await client.query('VACUUM (ANALYZE)');
      steps.push({ step: 'VACUUM (ANALYZE)', seconds: (Date.now() - t) / 1000 });
      log(`VACUUM (ANALYZE) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }

    // The trigger's totals must be the ledger's, or something above went round the rules.
    const { rows: drift } = await client.query(`
      SELECT y.label FROM fund_years y
        LEFT JOIN (SELECT fund_year_id,
                          sum(amount_pence) FILTER (WHERE kind = 'commitment') AS c,
                          sum(amount_pence) FILTER (WHERE kind = 'release') AS r,
                          sum(amount_pence) FILTER (WHERE kind = 'payment') AS p,
                          sum(amount_pence) FILTER (WHERE kind = 'return') AS t
                     FROM ledger_entries GROUP BY fund_year_id) l ON l.fund_year_id = y.id
       WHERE y.committed_pence <> coalesce(l.c, 0) OR y.released_pence <> coalesce(l.r, 0)
          OR y.paid_pence <> coalesce(l.p, 0) OR y.returned_pence <> coalesce(l.t, 0)`);
    if (drift.length) throw new Error(`fund-year totals disagree with the ledger: ${JSON.stringify(drift)}`);

    const counts: Record<string, number> = {};
    for (const table of [
      'organisations',
      'applications',
      'application_objectives',
      'application_measures',
      'application_budget_lines',
      'recommendations',
      'decisions',
      'awards',
      'ledger_entries',
      'monitoring_reports',
      'monitoring_report_figures',
      'monitoring_case_studies',
    ]) {
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows;
      counts[table] = n;
    }
    const { rows: statuses } = await client.query(
      `SELECT status, count(*)::int AS n FROM awards GROUP BY status ORDER BY status`,
    );
    for (const s of statuses) counts[`awards.${s.status}`] = s.n;
    const { rows: reportStatuses } = await client.query(
      `SELECT status, count(*)::int AS n FROM monitoring_reports GROUP BY status ORDER BY status`,
    );
    for (const s of reportStatuses) counts[`monitoring_reports.${s.status}`] = s.n;
    const seconds = (Date.now() - started) / 1000;
    log(`generated in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
    return { seconds, counts, steps, planId: seeded.planId, planVersionId: seeded.planVersionId };
  } finally {
    await client.end();
  }
}

function wholeNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got "${raw}")`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'grants_bench_fund' },
      replace: { type: 'boolean', default: false },
      awards: { type: 'string', default: '100000' },
      reports: { type: 'string', default: '300000' },
      organisations: { type: 'string', default: '3000' },
      'case-study-percent': { type: 'string', default: '10' },
      'ledger-chunk': { type: 'string', default: '1000' },
    },
  });
  const log = (m: string): void => void process.stderr.write(`[generate-fund] ${m}\n`);
  // PostgreSQL as for the benchmarks: DATABASE_URL (a server), else what answers on 5432, else embedded.
  const pg = await ensurePostgres(resolve(ROOT, '.data/bench-postgres'), log);
  try {
    const database = values.database;
    const probe = new Client({ connectionString: pg.url });
    await probe.connect();
    const exists = (await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
    await probe.end();
    if (exists && !values.replace) {
      throw new Error(`database ${database} exists; pass --replace to drop it and generate it again`);
    }
    await dropDatabase(pg.url, database);
    await ensureDatabase(pg.url, database);
    const url = withDatabase(pg.url, database);
    const result = await generateFund(url, {
      awards: wholeNumber('awards', values.awards),
      reports: wholeNumber('reports', values.reports),
      organisations: Math.max(1, wholeNumber('organisations', values.organisations)),
      caseStudyPercent: wholeNumber('case-study-percent', values['case-study-percent']),
      ledgerChunk: Math.max(1, wholeNumber('ledger-chunk', values['ledger-chunk'])),
      log,
    });
    log(`database: ${url.replace(/\/\/[^@/]*@/, '//')}`);
    // One JSON line on stdout, for a parent process.
    process.stdout.write(`${JSON.stringify({ database, ...result })}\n`);
  } finally {
    await pg.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `[generate-fund] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
