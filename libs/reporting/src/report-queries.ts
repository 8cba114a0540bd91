import { Injectable } from '@nestjs/common';
import { availablePence, headroomPence, LedgerTotals, netCommittedPence } from '@grants/funds';
import { LEGAL_FORM_LABELS } from '@grants/organisations';
import { EntityManager } from 'typeorm';
import {
  AwardFigures,
  Breakdown,
  COUNTED_AWARD_STATUSES,
  FundYearColumn,
  MeasureReportRow,
  ReportCaseStudy,
  ReportFundYear,
  ReportPlan,
} from './reports';

/** A bigint or numeric sum as PostgreSQL sends it (a string), as a safe JS number. */
export function wholePence(value: string | number | null): number {
  const n = value === null ? 0 : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`pence ${String(value)} is not a safe integer`);
  return n;
}

/** Which fund year a row is about, as the SQL names it. */
interface FundYearIdentityRow {
  id: string;
  fund_id: string;
  fund_name: string;
  label: string;
  starts_on: string;
  ends_on: string;
}

function fundYearOf(row: FundYearIdentityRow): ReportFundYear {
  return {
    id: row.id,
    fundId: row.fund_id,
    fundName: row.fund_name,
    label: row.label,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

interface FundYearRow extends FundYearIdentityRow {
  cap_pence: string;
  over_allocation_tolerance_pence: string;
  committed_pence: string;
  released_pence: string;
  paid_pence: string;
  returned_pence: string;
  awards: number;
  award_committed: string;
  award_paid: string;
  award_returned: string;
}

/** One breakdown row in one fund year, with the row's total across the years asked for. */
export interface BreakdownCellRow {
  breakdown: Breakdown;
  key: string | null;
  label: string;
  fund_year_id: string;
  awards: number;
  committed: string;
  paid: string;
  returned: string;
  total_awards: number;
  total_committed: string;
  total_paid: string;
  total_returned: string;
}

/**
 * The per-award money of the years (`years`, an SQL array of ids), from the ledger, with what each
 * breakdown groups by. `counted` is 1 for an award in a counted status ($2) and 0 otherwise, so
 * `sum(counted)` counts awards.
 */
const base = (years: string): string => `
  money AS (
    SELECT le.fund_year_id, le.award_id,
           coalesce(sum(le.amount_pence) FILTER (WHERE le.kind = 'commitment'), 0)
             - coalesce(sum(le.amount_pence) FILTER (WHERE le.kind = 'release'), 0) AS committed,
           coalesce(sum(le.amount_pence) FILTER (WHERE le.kind = 'payment'), 0) AS paid,
           coalesce(sum(le.amount_pence) FILTER (WHERE le.kind = 'return'), 0) AS returned
      FROM ledger_entries le
     WHERE le.fund_year_id = ANY(${years})
     GROUP BY le.fund_year_id, le.award_id
  ),
  base AS (
    SELECT a.id AS award_id, a.fund_year_id, a.application_id, a.round_id,
           CASE WHEN a.status = ANY($2::text[]) THEN 1 ELSE 0 END AS counted,
           coalesce(m.committed, 0) AS committed, coalesce(m.paid, 0) AS paid,
           coalesce(m.returned, 0) AS returned,
           o.local_authority_code AS area_code, o.legal_form
      FROM awards a
      JOIN organisations o ON o.id = a.organisation_id
      LEFT JOIN money m ON m.award_id = a.id AND m.fund_year_id = a.fund_year_id
     WHERE a.fund_year_id = ANY(${years})
  )`;

const SUMS = `sum(b.counted)::int AS awards, sum(b.committed) AS committed, sum(b.paid) AS paid,
              sum(b.returned) AS returned`;

/**
 * One SELECT per breakdown, each giving (breakdown, fund_year_id, key, label, unkeyed, sort_text) and the
 * sums. An award serving two objectives joins two application_objectives rows, so it counts once under
 * each; an aim counts an award once however many of its objectives the award serves (the DISTINCT).
 */
const CELLS: Record<Breakdown, string> = {
  area: `
    SELECT 'area' AS breakdown, b.fund_year_id, ar.code AS key, ar.name AS label, false AS unkeyed,
           ar.name AS sort_text, ${SUMS}
      FROM base b JOIN areas ar ON ar.code = b.area_code
     GROUP BY b.fund_year_id, ar.code, ar.name`,
  partnership: `
    SELECT 'partnership', b.fund_year_id, p.key, coalesce(p.name, 'No partnership'), p.id IS NULL,
           coalesce(p.name, ''), ${SUMS}
      FROM base b
      LEFT JOIN partnership_areas pa ON pa.area_code = b.area_code
      LEFT JOIN partnerships p ON p.id = pa.partnership_id
     GROUP BY b.fund_year_id, p.id, p.key, p.name`,
  objective: `
    SELECT 'objective', b.fund_year_id, ob.id::text,
           CASE WHEN ob.id IS NULL THEN 'No objective' ELSE 'Objective ' || ob.number || ': ' || ob.title END,
           ob.id IS NULL, coalesce(lpad(ob.number::text, 6, '0'), ''), ${SUMS}
      FROM base b
      LEFT JOIN application_objectives ao ON ao.application_id = b.application_id
      LEFT JOIN objectives ob ON ob.id = ao.objective_id
     GROUP BY b.fund_year_id, ob.id, ob.number, ob.title`,
  aim: `
    SELECT 'aim', b.fund_year_id, am.id::text,
           CASE WHEN am.id IS NULL THEN 'No aim' ELSE am.code || ': ' || am.title END,
           am.id IS NULL, coalesce(lpad(am.position::text, 6, '0') || am.code, ''), ${SUMS}
      FROM base b
      LEFT JOIN (SELECT DISTINCT ao.application_id, ob.aim_id
                   FROM application_objectives ao JOIN objectives ob ON ob.id = ao.objective_id) served
        ON served.application_id = b.application_id
      LEFT JOIN aims am ON am.id = served.aim_id
     GROUP BY b.fund_year_id, am.id, am.code, am.title, am.position`,
  round: `
    SELECT 'round', b.fund_year_id, r.id::text, r.title, false,
           to_char(r.opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), ${SUMS}
      FROM base b JOIN rounds r ON r.id = b.round_id
     GROUP BY b.fund_year_id, r.id, r.title, r.opens_at`,
  legal_form: `
    SELECT 'legal_form', b.fund_year_id, b.legal_form, coalesce($3::jsonb ->> b.legal_form, b.legal_form),
           false, b.legal_form, ${SUMS}
      FROM base b
     GROUP BY b.fund_year_id, b.legal_form`,
};

/**
 * The breakdowns of the years asked for, one row per (breakdown row, year): a row that has anything in
 * any of the years (a counted award, or money) appears in every year, with zeros where that year had
 * none, and carries its total across the years. Rows come in display order (null key last), and within a
 * row the years come in start order, as fundYears() lists them.
 */
function breakdownSql(breakdowns: readonly Breakdown[]): string {
  return `
    WITH years AS (
      SELECT y.id, y.starts_on, f.name AS fund_name
        FROM fund_years y JOIN funds f ON f.id = y.fund_id
       WHERE y.id = ANY($1::uuid[])
    ),
    ${base('$1::uuid[]')},
    cells (breakdown, fund_year_id, key, label, unkeyed, sort_text, awards, committed, paid, returned) AS (
      ${breakdowns.map((b) => CELLS[b]).join('\n      UNION ALL')}
    ),
    kept AS (
      SELECT * FROM cells WHERE awards > 0 OR committed <> 0 OR paid <> 0 OR returned <> 0
    ),
    keys AS (
      SELECT DISTINCT breakdown, key, label, unkeyed, sort_text FROM kept
    )
    SELECT k.breakdown, k.key, k.label, y.id AS fund_year_id,
           coalesce(c.awards, 0) AS awards, coalesce(c.committed, 0)::bigint AS committed,
           coalesce(c.paid, 0)::bigint AS paid, coalesce(c.returned, 0)::bigint AS returned,
           (sum(coalesce(c.awards, 0)) OVER row_years)::int AS total_awards,
           (sum(coalesce(c.committed, 0)) OVER row_years)::bigint AS total_committed,
           (sum(coalesce(c.paid, 0)) OVER row_years)::bigint AS total_paid,
           (sum(coalesce(c.returned, 0)) OVER row_years)::bigint AS total_returned
      FROM keys k
     CROSS JOIN years y
      LEFT JOIN kept c ON c.breakdown = k.breakdown AND c.key IS NOT DISTINCT FROM k.key AND c.fund_year_id = y.id
    WINDOW row_years AS (PARTITION BY k.breakdown, k.key)
     ORDER BY k.breakdown, k.unkeyed, k.sort_text, k.key, y.starts_on, y.fund_name, y.id`;
}

/** The fund years' own figures, and every one of their awards added up once (the `totals`). */
function fundYearsSql(where: string): string {
  return `
    WITH chosen AS (
      SELECT y.*, f.name AS fund_name FROM fund_years y JOIN funds f ON f.id = y.fund_id WHERE ${where}
    ),
    ${base('ARRAY(SELECT id FROM chosen)')},
    award_totals AS (
      SELECT b.fund_year_id, ${SUMS} FROM base b GROUP BY b.fund_year_id
    )
    SELECT c.id, c.fund_id, c.fund_name, c.label, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
           c.cap_pence, c.over_allocation_tolerance_pence, c.committed_pence, c.released_pence,
           c.paid_pence, c.returned_pence,
           coalesce(t.awards, 0) AS awards, coalesce(t.committed, 0)::bigint AS award_committed,
           coalesce(t.paid, 0)::bigint AS award_paid, coalesce(t.returned, 0)::bigint AS award_returned
      FROM chosen c LEFT JOIN award_totals t ON t.fund_year_id = c.id
     ORDER BY c.starts_on, c.fund_name, c.id`;
}

/**
 * Per success measure of the plan versions in scope: the counted awards in scope ($1 fund year, $2 plan,
 * either may be null) that committed to it, their targets, and each one's figure from its latest accepted
 * report that gives one (figures are cumulative, so earlier reports' figures are part of the later ones);
 * and the case studies of accepted reports of awards in scope serving the measure's objective.
 *
 * The plan versions: those the awards in scope were made under, and the published versions of the plan
 * asked for (or, given only a fund year, of the plans whose period holds the year's start), so a measure
 * nobody has committed to yet still shows, with zeros.
 */
/** How many case studies a measure's row carries (the first by award reference); the count says how many there are. */
export const CASE_STUDIES_PER_OBJECTIVE = 10;

const MEASURES_SQL = `
  WITH scope AS (
    SELECT a.id, a.reference, a.application_id, ap.plan_version_id
      FROM awards a
      JOIN applications ap ON ap.id = a.application_id
      JOIN plan_versions pv ON pv.id = ap.plan_version_id
     WHERE a.status = ANY($3::text[])
       AND ($1::uuid IS NULL OR a.fund_year_id = $1::uuid)
       AND ($2::uuid IS NULL OR pv.plan_id = $2::uuid)
  ),
  versions AS (
    SELECT pv.id FROM plan_versions pv
     WHERE pv.status = 'published'
       AND pv.plan_id IN (
         SELECT $2::uuid WHERE $2::uuid IS NOT NULL
         UNION
         SELECT p.id FROM plans p JOIN fund_years y ON y.starts_on BETWEEN p.period_start AND p.period_end
          WHERE $2::uuid IS NULL AND y.id = $1::uuid)
    UNION
    SELECT plan_version_id FROM scope
  ),
  measures AS (
    SELECT sm.id, sm.code, sm.description, sm.unit, ob.id AS objective_id, ob.number AS objective_number,
           ob.title AS objective_title, pv.number AS version_number
      FROM versions v
      JOIN plan_versions pv ON pv.id = v.id
      JOIN objectives ob ON ob.plan_version_id = pv.id
      JOIN success_measures sm ON sm.objective_id = ob.id
  ),
  committed AS (
    SELECT am.measure_id, s.id AS award_id, am.target
      FROM scope s JOIN application_measures am ON am.application_id = s.application_id
  ),
  targets AS (
    SELECT measure_id, count(*)::int AS grants, sum(target) AS target_total FROM committed GROUP BY measure_id
  ),
  latest AS (
    SELECT DISTINCT ON (c.award_id, c.measure_id) c.measure_id, f.value
      FROM committed c
      JOIN monitoring_reports r ON r.award_id = c.award_id AND r.status = 'accepted'
      JOIN monitoring_report_figures f ON f.report_id = r.id AND f.measure_id = c.measure_id
     ORDER BY c.award_id, c.measure_id, r.period_end DESC, r.position DESC
  ),
  reported AS (
    SELECT measure_id, count(*)::int AS grants_reporting, sum(value) AS reported_total
      FROM latest GROUP BY measure_id
  ),
  ranked_studies AS (
    SELECT ao.objective_id, c.id, s.id AS award_id, s.reference, r.id AS report_id, r.kind, c.title, c.story,
           c.consent_to_publish, c.anonymised_story, r.position AS report_position, c.position,
           row_number() OVER (PARTITION BY ao.objective_id
                              ORDER BY s.reference, r.position, c.position) AS rank,
           count(*) OVER (PARTITION BY ao.objective_id) AS total
      FROM scope s
      JOIN application_objectives ao ON ao.application_id = s.application_id
      JOIN monitoring_reports r ON r.award_id = s.id AND r.status = 'accepted'
      JOIN monitoring_case_studies c ON c.report_id = r.id
     WHERE ao.objective_id IN (SELECT objective_id FROM measures)
  ),
  -- The first few per objective (by award reference), with the count: a fund's years hold tens of thousands.
  studies AS (
    SELECT objective_id, max(total)::int AS case_study_count,
           json_agg(json_build_object('id', id, 'awardId', award_id, 'awardReference', reference,
                      'reportId', report_id, 'reportKind', kind, 'title', title, 'story', story,
                      'consentToPublish', consent_to_publish, 'anonymisedStory', anonymised_story)
                    ORDER BY rank) AS case_studies
      FROM ranked_studies WHERE rank <= $4
     GROUP BY objective_id
  )
  SELECT m.id, m.version_number, m.objective_number, m.objective_title, m.code, m.description, m.unit,
         coalesce(t.grants, 0) AS grants, coalesce(t.target_total, 0)::text AS target_total,
         coalesce(r.grants_reporting, 0) AS grants_reporting,
         coalesce(r.reported_total, 0)::text AS reported_total,
         coalesce(st.case_studies, '[]'::json) AS case_studies, coalesce(st.case_study_count, 0) AS case_study_count
    FROM measures m
    LEFT JOIN targets t ON t.measure_id = m.id
    LEFT JOIN reported r ON r.measure_id = m.id
    LEFT JOIN studies st ON st.objective_id = m.objective_id
   ORDER BY m.version_number, m.objective_number, length(m.code), m.code, m.id`;

interface MeasureRow {
  id: string;
  version_number: number;
  objective_number: number;
  objective_title: string;
  code: string;
  description: string;
  unit: string;
  grants: number;
  target_total: string;
  grants_reporting: number;
  reported_total: string;
  case_studies: ReportCaseStudy[];
  case_study_count: number;
}

function figures(awards: number, committed: string, paid: string, returned: string): AwardFigures {
  return {
    awards: Number(awards),
    committedPence: wholePence(committed),
    paidPence: wholePence(paid),
    returnedPence: wholePence(returned),
  };
}

export function cellFigures(row: BreakdownCellRow): AwardFigures {
  return figures(row.awards, row.committed, row.paid, row.returned);
}

export function rowTotal(row: BreakdownCellRow): AwardFigures {
  return figures(row.total_awards, row.total_committed, row.total_paid, row.total_returned);
}

function column(row: FundYearRow): FundYearColumn {
  const totals: LedgerTotals = {
    capPence: wholePence(row.cap_pence),
    overAllocationTolerancePence: wholePence(row.over_allocation_tolerance_pence),
    committedPence: wholePence(row.committed_pence),
    releasedPence: wholePence(row.released_pence),
    paidPence: wholePence(row.paid_pence),
    returnedPence: wholePence(row.returned_pence),
  };
  return {
    fundYear: fundYearOf(row),
    position: {
      capPence: totals.capPence,
      overAllocationTolerancePence: totals.overAllocationTolerancePence,
      committedPence: totals.committedPence,
      releasedPence: totals.releasedPence,
      netCommittedPence: netCommittedPence(totals),
      paidPence: totals.paidPence,
      returnedPence: totals.returnedPence,
      netPaidPence: totals.paidPence - totals.returnedPence,
      availablePence: availablePence(totals),
      headroomPence: headroomPence(totals),
    },
    totals: figures(row.awards, row.award_committed, row.award_paid, row.award_returned),
  };
}

/**
 * The reports' reads. Everything is added up by PostgreSQL (GROUP BY over joins); what comes back is one
 * row per figure shown, which the services only map into the response.
 */
@Injectable()
export class ReportQueries {
  private readonly legalFormLabels = JSON.stringify(LEGAL_FORM_LABELS);

  /** One fund year's column, or null when there is no such year. */
  async fundYear(em: EntityManager, fundYearId: string): Promise<FundYearColumn | null> {
    const rows: FundYearRow[] = await em.query(fundYearsSql('y.id = $1::uuid'), [
      fundYearId,
      COUNTED_AWARD_STATUSES,
    ]);
    return rows[0] ? column(rows[0]) : null;
  }

  /** The columns of the fund years starting within the plan's period, in start order. */
  async fundYearsOfPlan(em: EntityManager, planId: string): Promise<FundYearColumn[]> {
    const rows: FundYearRow[] = await em.query(
      fundYearsSql(
        `y.starts_on BETWEEN (SELECT period_start FROM plans WHERE id = $1::uuid)
                             AND (SELECT period_end FROM plans WHERE id = $1::uuid)`,
      ),
      [planId, COUNTED_AWARD_STATUSES],
    );
    return rows.map(column);
  }

  async fundYearSummary(em: EntityManager, fundYearId: string): Promise<ReportFundYear | null> {
    const [row]: FundYearIdentityRow[] = await em.query(
      `SELECT y.id, y.fund_id, f.name AS fund_name, y.label, y.starts_on::text AS starts_on,
              y.ends_on::text AS ends_on
         FROM fund_years y JOIN funds f ON f.id = y.fund_id WHERE y.id = $1::uuid`,
      [fundYearId],
    );
    return row ? fundYearOf(row) : null;
  }

  async plan(em: EntityManager, planId: string): Promise<ReportPlan | null> {
    const [row]: {
      id: string;
      key: string;
      title: string;
      period_start: string;
      period_end: string;
    }[] = await em.query(
      `SELECT id, key, title, period_start::text AS period_start, period_end::text AS period_end
         FROM plans WHERE id = $1::uuid`,
      [planId],
    );
    return row
      ? {
          id: row.id,
          key: row.key,
          title: row.title,
          periodStart: row.period_start,
          periodEnd: row.period_end,
        }
      : null;
  }

  /** The breakdown rows of the years, per year (see breakdownSql). */
  breakdowns(
    em: EntityManager,
    fundYearIds: readonly string[],
    breakdowns: readonly Breakdown[],
  ): Promise<BreakdownCellRow[]> {
    if (fundYearIds.length === 0 || breakdowns.length === 0) return Promise.resolve([]);
    // The labels ($3) only when the legal-form breakdown, the one statement that reads them, is asked for.
    const params: unknown[] = [fundYearIds, COUNTED_AWARD_STATUSES];
    if (breakdowns.includes('legal_form')) params.push(this.legalFormLabels);
    return em.query(breakdownSql(breakdowns), params);
  }

  /** The measures report's rows (see MEASURES_SQL); a null scope is not applied. */
  async measures(
    em: EntityManager,
    scope: { fundYearId: string | null; planId: string | null },
  ): Promise<MeasureReportRow[]> {
    const rows: MeasureRow[] = await em.query(MEASURES_SQL, [
      scope.fundYearId,
      scope.planId,
      COUNTED_AWARD_STATUSES,
      CASE_STUDIES_PER_OBJECTIVE,
    ]);
    return rows.map((r) => ({
      measureId: r.id,
      planVersionNumber: r.version_number,
      objectiveNumber: r.objective_number,
      objectiveTitle: r.objective_title,
      measureCode: r.code,
      description: r.description,
      unit: r.unit,
      grants: r.grants,
      targetTotal: Number(r.target_total),
      grantsReporting: r.grants_reporting,
      reportedTotal: Number(r.reported_total),
      caseStudies: r.case_studies,
      caseStudyCount: r.case_study_count,
    }));
  }
}
