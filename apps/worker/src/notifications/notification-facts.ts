import { Injectable } from '@nestjs/common';
import { prepared } from '@grants/database';
import { DataSource } from 'typeorm';

export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

export interface ApplicationFacts {
  id: string;
  reference: string;
  title: string | null;
  organisationId: string;
  organisationName: string;
  roundTitle: string;
  status: string;
  amountRequestedPence: number | null;
}

export interface AwardFacts {
  id: string;
  applicationId: string;
  reference: string;
  organisationId: string;
  status: string;
  amountPence: number;
  acceptanceDeadline: string;
  offeredAt: Date;
}

/** What notifications read, re-read at send time: a job carries ids, PostgreSQL says how things stand now. */
@Injectable()
export class NotificationFacts {
  constructor(private readonly dataSource: DataSource) {}

  /** Everyone in the group with a live account: volunteers share the work, so all of them hear. */
  async members(organisationId: string): Promise<Recipient[]> {
    return this.recipients(
      prepared(
        'notifications.members',
        `SELECT u.id, u.email, u.display_name FROM organisation_members m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND u.disabled_at IS NULL ORDER BY m.joined_at, u.id`,
      ),
      [organisationId],
    );
  }

  /** Officers who can act on an application: active, and without a declared conflict of interest in it. */
  async officers(applicationId: string): Promise<Recipient[]> {
    return this.recipients(
      `SELECT u.id, u.email, u.display_name FROM users u
        WHERE 'officer' = ANY (u.roles) AND u.disabled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations c
                           WHERE c.application_id = $1 AND c.user_id = u.id AND c.has_conflict)
        ORDER BY u.created_at, u.id`,
      [applicationId],
    );
  }

  async user(userId: string): Promise<Recipient | null> {
    const [r] = await this.recipients(
      `SELECT id, email, display_name FROM users WHERE id = $1 AND disabled_at IS NULL`,
      [userId],
    );
    return r ?? null;
  }

  async application(id: string): Promise<ApplicationFacts | null> {
    const [row] = (await this.dataSource.query(
      `SELECT a.id, a.reference, a.title, a.organisation_id, o.name AS organisation_name, r.title AS round_title,
              a.amount_requested_pence, a.status
         FROM applications a JOIN organisations o ON o.id = a.organisation_id JOIN rounds r ON r.id = a.round_id
        WHERE a.id = $1`,
      [id],
    )) as Array<Record<string, unknown>>;
    if (!row) return null;
    return {
      id: String(row.id),
      reference: String(row.reference),
      title: (row.title as string | null) ?? null,
      organisationId: String(row.organisation_id),
      organisationName: String(row.organisation_name),
      roundTitle: String(row.round_title),
      status: String(row.status),
      amountRequestedPence: row.amount_requested_pence === null ? null : Number(row.amount_requested_pence),
    };
  }

  async award(id: string): Promise<AwardFacts | null> {
    const [row] = (await this.dataSource.query(
      prepared(
        'notifications.award',
        `SELECT id, application_id, reference, organisation_id, status, amount_pence,
                to_char(acceptance_deadline, 'YYYY-MM-DD') AS acceptance_deadline, offered_at
           FROM awards WHERE id = $1`,
      ),
      [id],
    )) as Array<Record<string, unknown>>;
    return row ? awardOf(row) : null;
  }

  /** An award and the group's members in one round trip: the reminders' hot path reads nothing else. */
  async awardWithMembers(id: string): Promise<{ award: AwardFacts; members: Recipient[] } | null> {
    const [row] = (await this.dataSource.query(
      prepared(
        'notifications.award-with-members',
        `SELECT a.id, a.application_id, a.reference, a.organisation_id, a.status, a.amount_pence,
                to_char(a.acceptance_deadline, 'YYYY-MM-DD') AS acceptance_deadline, a.offered_at,
                coalesce((SELECT json_agg(json_build_object('userId', u.id, 'email', u.email, 'name', u.display_name)
                                          ORDER BY m.joined_at, u.id)
                            FROM organisation_members m JOIN users u ON u.id = m.user_id
                           WHERE m.organisation_id = a.organisation_id AND u.disabled_at IS NULL), '[]') AS members
           FROM awards a WHERE a.id = $1`,
      ),
      [id],
    )) as Array<Record<string, unknown> & { members: Recipient[] }>;
    return row ? { award: awardOf(row), members: row.members } : null;
  }

  async awardForApplication(applicationId: string): Promise<AwardFacts | null> {
    const [row] = (await this.dataSource.query(`SELECT id FROM awards WHERE application_id = $1`, [
      applicationId,
    ])) as Array<{ id: string }>;
    return row ? this.award(row.id) : null;
  }

  async decision(applicationId: string): Promise<{
    outcome: 'award' | 'refuse';
    reasons: string;
    conditions: string[];
  } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT outcome, reasons, conditions FROM decisions WHERE application_id = $1`,
      [applicationId],
    )) as Array<{ outcome: 'award' | 'refuse'; reasons: string; conditions: Array<{ text: string }> }>;
    return row
      ? { outcome: row.outcome, reasons: row.reasons, conditions: row.conditions.map((c) => c.text) }
      : null;
  }

  async screening(
    applicationId: string,
  ): Promise<{ outcome: 'eligible' | 'ineligible'; reasons: string | null } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT outcome, reasons FROM screenings WHERE application_id = $1`,
      [applicationId],
    )) as Array<{ outcome: 'eligible' | 'ineligible'; reasons: string | null }>;
    return row ?? null;
  }

  async informationRequest(
    requestId: string,
  ): Promise<{ status: string; message: string; answers: string[] } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT status, message, answers FROM information_requests WHERE id = $1`,
      [requestId],
    )) as Array<{ status: string; message: string; answers: string[] }>;
    return row ?? null;
  }

  async monitoringReport(id: string): Promise<{
    id: string;
    kind: 'interim' | 'final';
    status: string;
    review_comments: string | null;
    award_id: string;
    reference: string;
    application_id: string;
    organisation_id: string;
  } | null> {
    const [row] = await this.dataSource.query(
      `SELECT m.id, m.kind, m.status, m.review_comments, a.id AS award_id, a.reference, a.application_id,
              a.organisation_id
         FROM monitoring_reports m JOIN awards a ON a.id = m.award_id WHERE m.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async payment(entryId: string): Promise<{ awardId: string; amountPence: number; paidOn: string } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT award_id, amount_pence, to_char(occurred_on, 'YYYY-MM-DD') AS paid_on
         FROM ledger_entries WHERE id = $1 AND kind = 'payment'`,
      [entryId],
    )) as Array<{ award_id: string; amount_pence: string; paid_on: string }>;
    return row ? { awardId: row.award_id, amountPence: Number(row.amount_pence), paidOn: row.paid_on } : null;
  }

  private async recipients(sql: string, params: unknown[]): Promise<Recipient[]> {
    const rows = (await this.dataSource.query(sql, params)) as Array<{
      id: string;
      email: string;
      display_name: string;
    }>;
    return rows.map((r) => ({ userId: r.id, email: r.email, name: r.display_name }));
  }
}

function awardOf(row: Record<string, unknown>): AwardFacts {
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    reference: String(row.reference),
    organisationId: String(row.organisation_id),
    status: String(row.status),
    amountPence: Number(row.amount_pence),
    acceptanceDeadline: String(row.acceptance_deadline),
    offeredAt: row.offered_at as Date,
  };
}
