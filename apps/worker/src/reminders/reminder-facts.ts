import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MonitoringReportFacts, OfferFacts, RoundFacts } from './reminder-schedule';

/** A monitoring report with what its reminders say. */
export interface MonitoringReportDetail extends MonitoringReportFacts {
  kind: 'interim' | 'final';
  awardId: string;
  applicationId: string;
  organisationId: string;
  organisationName: string;
  reference: string;
}

/** The state reminders are derived from. PostgreSQL is the source: Redis only holds what to do next. */
@Injectable()
export class ReminderFacts {
  constructor(private readonly dataSource: DataSource) {}

  async offer(awardId: string): Promise<OfferFacts | null> {
    const rows = await this.offers(`WHERE id = $1`, [awardId]);
    return rows[0] ?? null;
  }

  /** Every offer still waiting for an answer: each has reminders or a deadline ahead or due. */
  async openOffers(): Promise<OfferFacts[]> {
    return this.offers(`WHERE status = 'offered' ORDER BY acceptance_deadline, id`, []);
  }

  async round(roundId: string): Promise<RoundFacts | null> {
    const rows = await this.rounds(`WHERE id = $1`, [roundId]);
    return rows[0] ?? null;
  }

  /** Published rounds not long closed: a closing reminder can still be owed for these. */
  async roundsClosingAfter(instant: Date): Promise<RoundFacts[]> {
    return this.rounds(`WHERE published_at IS NOT NULL AND closes_at > $1 ORDER BY closes_at, id`, [instant]);
  }

  async roundTitle(roundId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT title FROM rounds WHERE id = $1`, [
      roundId,
    ])) as Array<{
      title: string;
    }>;
    return row?.title ?? null;
  }

  /** Organisations with an unsubmitted draft in a round, with those drafts. */
  async draftsInRound(
    roundId: string,
  ): Promise<
    Array<{ organisationId: string; applicationId: string; reference: string; title: string | null }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT organisation_id, id, reference, title FROM applications
        WHERE round_id = $1 AND status = 'draft' ORDER BY organisation_id, created_at, id`,
      [roundId],
    )) as Array<{ organisation_id: string; id: string; reference: string; title: string | null }>;
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      applicationId: r.id,
      reference: r.reference,
      title: r.title,
    }));
  }

  async monitoringReport(reportId: string): Promise<MonitoringReportDetail | null> {
    const rows = await this.monitoringReports(`WHERE m.id = $1`, [reportId]);
    return rows[0] ?? null;
  }

  /** Reports the group still owes on a live award: each has reminders ahead or overdue. */
  async outstandingMonitoringReports(): Promise<MonitoringReportDetail[]> {
    return this.monitoringReports(
      `WHERE m.status IN ('due', 'changes_requested') AND a.status = 'accepted' ORDER BY m.due_on, m.id`,
      [],
    );
  }

  private async monitoringReports(where: string, params: unknown[]): Promise<MonitoringReportDetail[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.kind, m.status, to_char(m.due_on, 'YYYY-MM-DD') AS due_on, m.created_at, a.id AS award_id,
              a.status AS award_status, a.application_id, a.organisation_id, a.reference, o.name AS organisation_name
         FROM monitoring_reports m JOIN awards a ON a.id = m.award_id JOIN organisations o ON o.id = a.organisation_id
         ${where}`,
      params,
    )) as Array<{
      id: string;
      kind: 'interim' | 'final';
      status: string;
      due_on: string;
      created_at: Date;
      award_id: string;
      award_status: string;
      application_id: string;
      organisation_id: string;
      reference: string;
      organisation_name: string;
    }>;
    return rows.map((r) => ({
      reportId: r.id,
      kind: r.kind,
      // Owed while the group has it to write, and only while the grant is live.
      outstanding: ['due', 'changes_requested'].includes(r.status) && r.award_status === 'accepted',
      dueOn: r.due_on,
      createdAt: r.created_at,
      awardId: r.award_id,
      applicationId: r.application_id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      reference: r.reference,
    }));
  }

  private async offers(where: string, params: unknown[]): Promise<OfferFacts[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, status, to_char(acceptance_deadline, 'YYYY-MM-DD') AS deadline, offered_at FROM awards ${where}`,
      params,
    )) as Array<{ id: string; status: string; deadline: string; offered_at: Date }>;
    return rows.map((r) => ({
      awardId: r.id,
      status: r.status,
      acceptanceDeadline: r.deadline,
      offeredAt: r.offered_at,
    }));
  }

  private async rounds(where: string, params: unknown[]): Promise<RoundFacts[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, published_at, closes_at FROM rounds ${where}`,
      params,
    )) as Array<{ id: string; published_at: Date | null; closes_at: Date }>;
    return rows.map((r) => ({ roundId: r.id, publishedAt: r.published_at, closesAt: r.closes_at }));
  }
}
