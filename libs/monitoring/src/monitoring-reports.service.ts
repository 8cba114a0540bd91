import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, isOfficer, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { AwardCompletion } from '@grants/awards';
import { Clock, DomainError, FieldError, isCalendarDate } from '@grants/common';
import { inTransaction } from '@grants/database';
import { NotificationJob, Outbox, RegisterJob, ReminderJob } from '@grants/jobs';
import { OrganisationAccess } from '@grants/organisations';
import { DataSource, EntityManager } from 'typeorm';
import {
  MonitoringReportRow,
  MonitoringReportView,
  OverdueReport,
  SubmittedReport,
  ReportContent,
  ReportStatus,
} from './monitoring-report-view';
import { MonitoringReads } from './monitoring-reads';
import { submissionProblems } from './monitoring-rules';

const SUBJECT = 'monitoring-report';
const EDITABLE: readonly ReportStatus[] = ['due', 'changes_requested'];

export interface ReviewInput {
  outcome: 'accept' | 'request_changes';
  comments?: string;
}

export interface ScheduleChange {
  dueOn?: string;
  periodStart?: string;
  periodEnd?: string;
  reason: string;
}

/**
 * The grant holder's monitoring reports: saved as they go, submitted, and reviewed by an officer, who
 * accepts one or sends it back with comments. Accepting the final report closes the award.
 */
@Injectable()
export class MonitoringReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: MonitoringReads,
    private readonly organisations: OrganisationAccess,
    private readonly completion: AwardCompletion,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async forAward(user: AuthUser, awardId: string): Promise<MonitoringReportView[]> {
    return inTransaction(this.dataSource, async (em) => {
      const [award] = await em.query(`SELECT organisation_id FROM awards WHERE id = $1`, [awardId]);
      if (!award || !(await this.canRead(em, user, award.organisation_id)))
        throw DomainError.notFound('The award');
      return this.reads.forAward(em, awardId);
    });
  }

  /**
   * Officers' list of reports not sent by their due date (the funder's calendar), longest overdue first,
   * with how many there are in all. Only live awards owe reports.
   */
  async overdue(user: AuthUser, limit: number): Promise<{ items: OverdueReport[]; total: number }> {
    if (!isOfficer(user)) throw DomainError.forbidden('Only officers see overdue reports');
    const rows: (OverdueReport & { total: number })[] = await this.dataSource.query(
      `SELECT m.id, m.award_id AS "awardId", o.name AS "organisationName", m.kind,
              to_char(m.due_on, 'YYYY-MM-DD') AS "dueOn", m.status, count(*) OVER ()::int AS total
         FROM monitoring_reports m
         JOIN awards a ON a.id = m.award_id
         JOIN organisations o ON o.id = a.organisation_id
        WHERE m.status IN ('due', 'changes_requested') AND a.status = 'accepted'
          AND m.due_on < ($2::timestamptz AT TIME ZONE (SELECT time_zone FROM funders LIMIT 1))::date
        ORDER BY m.due_on, m.id
        LIMIT $1`,
      [limit, this.clock.now()],
    );
    return { items: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  /** Officers' list of reports sent and waiting for review, the longest waiting first. */
  async toReview(user: AuthUser, limit: number): Promise<SubmittedReport[]> {
    if (!isOfficer(user)) throw DomainError.forbidden('Only officers review reports');
    return this.dataSource.query(
      `SELECT m.id, m.award_id AS "awardId", a.reference AS "awardReference", o.name AS "organisationName",
              m.kind, m.submitted_at AS "submittedAt"
         FROM monitoring_reports m
         JOIN awards a ON a.id = m.award_id
         JOIN organisations o ON o.id = a.organisation_id
        WHERE m.status = 'submitted'
        ORDER BY m.submitted_at, m.id
        LIMIT $1`,
      [limit],
    );
  }

  async get(user: AuthUser, id: string): Promise<MonitoringReportView> {
    return inTransaction(this.dataSource, async (em) => {
      const row = await this.readable(em, user, id, false);
      return this.reads.view(em, row);
    });
  }

  /** Save and return: any part, any number of times, while the report is the group's to write. */
  async save(user: AuthUser, id: string, content: ReportContent): Promise<MonitoringReportView> {
    return inTransaction(this.dataSource, async (em) => {
      const row = await this.forGrantHolder(em, user, id);
      this.assertEditable(row);
      await this.assertContentFits(em, row, content);
      await this.write(em, row, content);
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Applicant),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'monitoring-report.saved',
        data: { fields: Object.keys(content).filter((k) => content[k as keyof ReportContent] !== undefined) },
      });
      return this.reads.view(em, (await this.reads.row(em, id, true))!);
    });
  }

  async submit(user: AuthUser, id: string): Promise<MonitoringReportView> {
    return inTransaction(this.dataSource, async (em) => {
      const row = await this.forGrantHolder(em, user, id);
      this.assertEditable(row);
      const view = await this.reads.view(em, row);
      const committed = await this.reads.committedMeasures(em, row.application_id);
      const problems = submissionProblems(view, committed);
      if (problems.length) throw DomainError.rule('The report is not ready to submit', problems);
      const now = this.clock.now();
      await em.query(
        `UPDATE monitoring_reports SET status = 'submitted', submitted_at = $2, submitted_by = $3, updated_at = $2
          WHERE id = $1`,
        [id, now, user.id],
      );
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Applicant),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'monitoring-report.submitted',
        fromStatus: row.status,
        toStatus: 'submitted',
      });
      await this.replan(em, id, `submitted-${now.getTime()}`);
      return this.reads.view(em, (await this.reads.row(em, id, true))!);
    });
  }

  async review(user: AuthUser, id: string, input: ReviewInput): Promise<MonitoringReportView> {
    return inTransaction(this.dataSource, async (em) => {
      const row = await this.reads.row(em, id, true);
      if (!row) throw DomainError.notFound('The monitoring report');
      if (row.status !== 'submitted') {
        throw DomainError.conflict(`The report is ${row.status}; only a submitted report can be reviewed`, {
          currentStatus: row.status,
          allowedStatuses: ['submitted'],
        });
      }
      const comments = input.comments?.trim() || null;
      if (input.outcome === 'request_changes' && !comments) {
        throw DomainError.invalid([{ field: 'comments', message: 'say what needs to change' }]);
      }
      const to: ReportStatus = input.outcome === 'accept' ? 'accepted' : 'changes_requested';
      const now = this.clock.now();
      await em.query(
        `UPDATE monitoring_reports SET status = $2, reviewed_at = $3, reviewed_by = $4, review_comments = $5,
                updated_at = $3 WHERE id = $1`,
        [id, to, now, user.id, comments],
      );
      const actor = actorFrom(user, Role.Officer);
      await this.audit.record(em, {
        actor,
        subjectType: SUBJECT,
        subjectId: id,
        action: to === 'accepted' ? 'monitoring-report.accepted' : 'monitoring-report.changes-requested',
        fromStatus: row.status,
        toStatus: to,
        reason: comments,
      });
      if (to === 'accepted' && row.kind === 'final') {
        await this.completion.complete(em, row.award_id, Number(row.unspent_pence ?? 0), actor);
      }
      await this.outbox.addAll(em, [
        // Accepted figures and consented case studies reach the register (if the grant is on it).
        ...(to === 'accepted'
          ? [
              {
                name: RegisterJob.PublishOutcomes,
                payload: { awardId: row.award_id },
                key: [row.award_id, 'outcomes', id],
              },
            ]
          : []),
        {
          name: NotificationJob.MonitoringReportReviewed,
          payload: { reportId: id, outcome: to },
          key: [id, to, now.getTime()],
        },
        {
          name: ReminderJob.Plan,
          payload: { subjectType: 'monitoring-report', subjectId: id },
          key: ['monitoring-report', id, `${to}-${now.getTime()}`],
        },
      ]);
      return this.reads.view(em, (await this.reads.row(em, id, true))!);
    });
  }

  /** An officer moves a report's dates (the grant was extended, say); reminders follow. */
  async reschedule(user: AuthUser, id: string, change: ScheduleChange): Promise<MonitoringReportView> {
    return inTransaction(this.dataSource, async (em) => {
      const row = await this.reads.row(em, id, true);
      if (!row) throw DomainError.notFound('The monitoring report');
      if (row.status === 'accepted') {
        throw DomainError.conflict('The report is accepted; its dates are settled', {
          currentStatus: row.status,
          allowedStatuses: ['due', 'submitted', 'changes_requested'],
        });
      }
      const next = {
        dueOn: change.dueOn ?? row.due_on,
        periodStart: change.periodStart ?? row.period_start,
        periodEnd: change.periodEnd ?? row.period_end,
      };
      const problems: FieldError[] = [];
      for (const [field, value] of Object.entries(next)) {
        if (!isCalendarDate(value)) problems.push({ field, message: 'must be a real date, YYYY-MM-DD' });
      }
      if (!problems.length && next.periodStart > next.periodEnd) {
        problems.push({ field: 'periodEnd', message: 'must not be before periodStart' });
      }
      if (problems.length) throw DomainError.invalid(problems);
      await em.query(
        `UPDATE monitoring_reports SET due_on = $2, period_start = $3, period_end = $4, updated_at = $5 WHERE id = $1`,
        [id, next.dueOn, next.periodStart, next.periodEnd, this.clock.now()],
      );
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: SUBJECT,
        subjectId: id,
        action: 'monitoring-report.rescheduled',
        reason: change.reason.trim(),
        data: {
          from: { dueOn: row.due_on, periodStart: row.period_start, periodEnd: row.period_end },
          to: next,
        },
      });
      await this.replan(em, id, `rescheduled-${next.dueOn}-${this.clock.now().getTime()}`);
      return this.reads.view(em, (await this.reads.row(em, id, true))!);
    });
  }

  private async replan(em: EntityManager, id: string, cause: string): Promise<void> {
    await this.outbox.add(em, {
      name: ReminderJob.Plan,
      payload: { subjectType: 'monitoring-report', subjectId: id },
      key: ['monitoring-report', id, cause],
    });
  }

  private async canRead(em: EntityManager, user: AuthUser, organisationId: string): Promise<boolean> {
    return isOfficer(user) || (await this.organisations.membership(em, user.id, organisationId)) !== null;
  }

  private async readable(
    em: EntityManager,
    user: AuthUser,
    id: string,
    lock: boolean,
  ): Promise<MonitoringReportRow> {
    const row = await this.reads.row(em, id, lock);
    if (!row || !(await this.canRead(em, user, row.organisation_id))) {
      throw DomainError.notFound('The monitoring report');
    }
    return row;
  }

  /** Members of the grant holder write the report; staff read it (404 to anyone else). */
  private async forGrantHolder(em: EntityManager, user: AuthUser, id: string): Promise<MonitoringReportRow> {
    const row = await this.reads.row(em, id, true);
    const role = row ? await this.organisations.membership(em, user.id, row.organisation_id) : null;
    if (!row || role === null) throw DomainError.notFound('The monitoring report');
    if (row.award_status !== 'accepted') {
      throw DomainError.conflict(`The award is ${row.award_status}; its reports are closed`, {
        currentStatus: row.award_status,
        allowedStatuses: ['accepted'],
      });
    }
    return row;
  }

  private assertEditable(row: MonitoringReportRow): void {
    if (!EDITABLE.includes(row.status)) {
      throw DomainError.conflict(
        `The report is ${row.status}; it can be changed only while due or sent back`,
        {
          currentStatus: row.status,
          allowedStatuses: [...EDITABLE],
        },
      );
    }
  }

  /** Budget lines and measures must be the application's own; unspent money is for the final report. */
  private async assertContentFits(
    em: EntityManager,
    row: MonitoringReportRow,
    c: ReportContent,
  ): Promise<void> {
    const problems: FieldError[] = [];
    if (c.spend) {
      const lines: { position: number }[] = await em.query(
        `SELECT position FROM application_budget_lines WHERE application_id = $1`,
        [row.application_id],
      );
      const known = new Set(lines.map((l) => l.position));
      c.spend.forEach((s, i) => {
        if (!known.has(s.budgetLinePosition)) {
          problems.push({
            field: `spend[${i}].budgetLinePosition`,
            message: 'is not a budget line of the application',
          });
        }
      });
      if (new Set(c.spend.map((s) => s.budgetLinePosition)).size !== c.spend.length) {
        problems.push({ field: 'spend', message: 'gives a budget line more than once' });
      }
    }
    if (c.figures) {
      const committed = new Set(
        (await this.reads.committedMeasures(em, row.application_id)).map((m) => m.measureId),
      );
      c.figures.forEach((f, i) => {
        if (!committed.has(f.measureId)) {
          problems.push({
            field: `figures[${i}].measureId`,
            message: 'is not a success measure the application committed to',
          });
        }
      });
      if (new Set(c.figures.map((f) => f.measureId)).size !== c.figures.length) {
        problems.push({ field: 'figures', message: 'gives a measure more than once' });
      }
    }
    if (c.caseStudies) {
      c.caseStudies.forEach((s, i) => {
        if (s.consentToPublish && !s.anonymisedStory?.trim()) {
          problems.push({
            field: `caseStudies[${i}].anonymisedStory`,
            message: 'a case study that may be published needs its anonymised version',
          });
        }
      });
    }
    if (c.unspentPence !== undefined && c.unspentPence !== null) {
      if (row.kind !== 'final') {
        problems.push({ field: 'unspentPence', message: 'is asked for in the final report only' });
      } else if (c.unspentPence > Number(row.paid_pence) - Number(row.returned_pence)) {
        problems.push({
          field: 'unspentPence',
          message: `cannot exceed what was paid and not returned (${Number(row.paid_pence) - Number(row.returned_pence)} pence)`,
        });
      }
    }
    if (problems.length) throw DomainError.rule('Some answers do not fit this grant', problems);
  }

  private async write(em: EntityManager, row: MonitoringReportRow, c: ReportContent): Promise<void> {
    const id = row.id;
    await em.query(
      `UPDATE monitoring_reports SET
         progress = CASE WHEN $2::boolean THEN $3 ELSE progress END,
         problems = CASE WHEN $4::boolean THEN $5 ELSE problems END,
         unspent_pence = CASE WHEN $6::boolean THEN $7::bigint ELSE unspent_pence END,
         updated_at = $8
       WHERE id = $1`,
      [
        id,
        c.progress !== undefined,
        c.progress?.trim() || null,
        c.problems !== undefined,
        c.problems?.trim() || null,
        c.unspentPence !== undefined,
        c.unspentPence ?? null,
        this.clock.now(),
      ],
    );
    if (c.spend) {
      await em.query(`DELETE FROM monitoring_report_spend WHERE report_id = $1`, [id]);
      await em.query(
        `INSERT INTO monitoring_report_spend (report_id, budget_line_position, amount_pence)
         SELECT $1, p, a FROM unnest($2::int[], $3::bigint[]) AS t(p, a)`,
        [id, c.spend.map((s) => s.budgetLinePosition), c.spend.map((s) => s.amountPence)],
      );
    }
    if (c.figures) {
      await em.query(`DELETE FROM monitoring_report_figures WHERE report_id = $1`, [id]);
      await em.query(
        `INSERT INTO monitoring_report_figures (report_id, measure_id, value, note)
         SELECT $1, m, v, n FROM unnest($2::uuid[], $3::numeric[], $4::text[]) AS t(m, v, n)`,
        [
          id,
          c.figures.map((f) => f.measureId),
          c.figures.map((f) => String(f.value)),
          c.figures.map((f) => f.note?.trim() || null),
        ],
      );
    }
    if (c.caseStudies) {
      await em.query(`DELETE FROM monitoring_case_studies WHERE report_id = $1`, [id]);
      const studies = c.caseStudies;
      await em.query(
        `INSERT INTO monitoring_case_studies (report_id, position, title, story, consent_to_publish, anonymised_story)
         SELECT $1, ord - 1, t, s, c, a FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[])
           WITH ORDINALITY AS x(t, s, c, a, ord)`,
        [
          id,
          studies.map((s) => s.title.trim()),
          studies.map((s) => s.story.trim()),
          studies.map((s) => s.consentToPublish),
          studies.map((s) => s.anonymisedStory?.trim() || null),
        ],
      );
    }
  }
}
