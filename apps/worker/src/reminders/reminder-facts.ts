import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfferFacts, RoundFacts } from './reminder-schedule';

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
