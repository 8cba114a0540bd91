import { Injectable } from '@nestjs/common';
import { calendarDateIn, Clock } from '@grants/common';
import { EntityManager } from 'typeorm';
import { MonitoringReportRow, MonitoringReportView } from './monitoring-report-view';

const ROW_SQL = `
  SELECT m.id, m.award_id, a.reference AS award_reference, a.status AS award_status, a.organisation_id,
         a.application_id, a.paid_pence, a.returned_pence, m.position, m.kind,
         m.period_start::text AS period_start, m.period_end::text AS period_end, m.due_on::text AS due_on,
         m.status, m.progress, m.problems, m.unspent_pence, m.submitted_at, m.reviewed_at, m.review_comments
    FROM monitoring_reports m JOIN awards a ON a.id = m.award_id`;

/** Reads of monitoring reports, shared by the use cases; access is the caller's to check. */
@Injectable()
export class MonitoringReads {
  constructor(private readonly clock: Clock) {}

  async row(em: EntityManager, id: string, lock: boolean): Promise<MonitoringReportRow | null> {
    const [row] = await em.query(`${ROW_SQL} WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`, [id]);
    return row ?? null;
  }

  async forAward(em: EntityManager, awardId: string): Promise<MonitoringReportView[]> {
    const rows: MonitoringReportRow[] = await em.query(
      `${ROW_SQL} WHERE m.award_id = $1 ORDER BY m.position`,
      [awardId],
    );
    const views: MonitoringReportView[] = [];
    for (const row of rows) views.push(await this.view(em, row));
    return views;
  }

  async committedMeasures(
    em: EntityManager,
    applicationId: string,
  ): Promise<{ measureId: string; code: string; description: string; unit: string; target: number }[]> {
    const rows = await em.query(
      `SELECT am.measure_id, sm.code, sm.description, sm.unit, am.target
         FROM application_measures am JOIN success_measures sm ON sm.id = am.measure_id
        WHERE am.application_id = $1 ORDER BY am.position`,
      [applicationId],
    );
    return rows.map(
      (r: { measure_id: string; code: string; description: string; unit: string; target: string }) => ({
        measureId: r.measure_id,
        code: r.code,
        description: r.description,
        unit: r.unit,
        target: Number(r.target),
      }),
    );
  }

  async view(em: EntityManager, row: MonitoringReportRow): Promise<MonitoringReportView> {
    const budget: {
      position: number;
      description: string;
      category: string;
      amount_pence: string;
      spent: string | null;
    }[] = await em.query(
      `SELECT b.position, b.description, b.category, b.amount_pence, s.amount_pence AS spent
           FROM application_budget_lines b
           LEFT JOIN monitoring_report_spend s ON s.report_id = $2 AND s.budget_line_position = b.position
          WHERE b.application_id = $1 ORDER BY b.position`,
      [row.application_id, row.id],
    );
    const figures: { measure_id: string; value: string; note: string | null }[] = await em.query(
      `SELECT measure_id, value, note FROM monitoring_report_figures WHERE report_id = $1`,
      [row.id],
    );
    const byMeasure = new Map(figures.map((f) => [f.measure_id, f]));
    const measures = (await this.committedMeasures(em, row.application_id)).map((m) => {
      const f = byMeasure.get(m.measureId);
      return { ...m, value: f ? Number(f.value) : null, note: f?.note ?? null };
    });
    const studies: {
      id: string;
      title: string;
      story: string;
      consent_to_publish: boolean;
      anonymised_story: string | null;
    }[] = await em.query(
      `SELECT id, title, story, consent_to_publish, anonymised_story FROM monitoring_case_studies
          WHERE report_id = $1 ORDER BY position`,
      [row.id],
    );
    const today = calendarDateIn(this.clock.now(), 'Europe/London');
    return {
      id: row.id,
      awardId: row.award_id,
      awardReference: row.award_reference,
      position: row.position,
      kind: row.kind,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      dueOn: row.due_on,
      status: row.status,
      overdue: ['due', 'changes_requested'].includes(row.status) && row.due_on < today,
      budget: budget.map((b) => ({
        position: b.position,
        description: b.description,
        category: b.category,
        budgetPence: Number(b.amount_pence),
        spentPence: b.spent === null ? null : Number(b.spent),
      })),
      measures,
      progress: row.progress,
      problems: row.problems,
      caseStudies: studies.map((s) => ({
        id: s.id,
        title: s.title,
        story: s.story,
        consentToPublish: s.consent_to_publish,
        anonymisedStory: s.anonymised_story,
      })),
      unspentPence: row.unspent_pence === null ? null : Number(row.unspent_pence),
      submittedAt: row.submitted_at,
      reviewedAt: row.reviewed_at,
      reviewComments: row.review_comments,
    };
  }
}
