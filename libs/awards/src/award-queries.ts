import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { ApplicationQueries, TimelineEntry } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, pageOf, Pence } from '@grants/common';
import { applyKeyset, inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { AwardAccess } from './award-access';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AwardStatus } from './award-status';
import { AwardView, AwardViews } from './award-views';
import { Award } from './award.entity';

export interface AwardSummary {
  id: string;
  reference: string;
  applicationId: string;
  organisationId: string;
  roundId: string;
  fundYearId: string;
  status: AwardStatus;
  amountPence: Pence;
  paidPence: Pence;
  returnedPence: Pence;
  acceptanceDeadline: string;
  offeredAt: Date;
  createdAt: Date;
}

/** An accepted award in an officer's or finance's work list. */
export interface AwardWorkItem {
  id: string;
  reference: string;
  organisationName: string;
  amountPence: Pence;
  paidPence: Pence;
  /** Before-payment conditions not yet met or waived. */
  pendingConditions: number;
}

/** Money that has moved on an award, as its grant holder sees it: no commitments, no officers' notes. */
export interface AwardMovement {
  kind: 'payment' | 'return';
  amountPence: Pence;
  occurredOn: string;
  reference: string | null;
}

/** One variation of an award, as the approver made it: what changed, from what, and why. */
export interface AwardVariation {
  at: Date;
  reason: string | null;
  fromAmountPence: Pence;
  toAmountPence: Pence;
  releasedPence: Pence;
  fromEndDate: string;
  toEndDate: string;
}

export interface AwardListQuery {
  status?: AwardStatus;
  fundYearId?: string;
  organisationId?: string;
  limit?: number;
  cursor?: string;
}

/** Awards as their readers see them: staff all of them, applicants their organisations' only. */
@Injectable()
export class AwardQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AwardAccess,
    private readonly views: AwardViews,
    private readonly applications: ApplicationQueries,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: AwardListQuery): Promise<Page<AwardSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    return inTransaction(this.dataSource, async (em) => {
      const qb = em.createQueryBuilder(Award, 'a');
      if (!isOfficer(user)) {
        qb.innerJoin(
          'organisation_members',
          'm',
          'm.organisation_id = a.organisation_id AND m.user_id = :me',
          {
            me: user.id,
          },
        );
      }
      if (query.status) qb.andWhere('a.status = :status', { status: query.status });
      if (query.fundYearId) qb.andWhere('a.fund_year_id = :year', { year: query.fundYearId });
      if (query.organisationId) qb.andWhere('a.organisation_id = :org', { org: query.organisationId });
      applyKeyset(qb, 'a', 'DESC', after);
      const page = pageOf(await qb.limit(limit + 1).getMany(), limit);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((a) => ({
          id: a.id,
          reference: a.reference,
          applicationId: a.applicationId,
          organisationId: a.organisationId,
          roundId: a.roundId,
          fundYearId: a.fundYearId,
          status: a.status,
          amountPence: a.amountPence,
          paidPence: a.paidPence,
          returnedPence: a.returnedPence,
          acceptanceDeadline: a.acceptanceDeadline,
          offeredAt: a.offeredAt,
          createdAt: a.createdAt,
        })),
      };
    });
  }

  async get(user: AuthUser, id: string): Promise<AwardView> {
    return inTransaction(this.dataSource, async (em) => {
      const { officer } = await this.access.readable(em, user, id);
      return this.views.view(em, id, officer);
    });
  }

  /**
   * Accepted awards with money still to pay, oldest acceptance first: `ready` those whose before-payment
   * conditions are all met or waived (finance's list), otherwise those still waiting on one (officers').
   */
  async toPay(user: AuthUser, ready: boolean, limit: number): Promise<AwardWorkItem[]> {
    if (!isOfficer(user)) return [];
    const rows: (Omit<AwardWorkItem, 'amountPence' | 'paidPence'> & { amount: string; paid: string })[] =
      await this.dataSource.query(
        `SELECT a.id, a.reference, o.name AS "organisationName", a.amount_pence AS amount, a.paid_pence AS paid,
                count(c.id) FILTER (WHERE c.status = 'pending')::int AS "pendingConditions"
           FROM awards a
           JOIN organisations o ON o.id = a.organisation_id
           LEFT JOIN award_conditions c ON c.award_id = a.id AND c.timing = 'before_payment'
          WHERE a.status = 'accepted' AND a.paid_pence < a.amount_pence
          GROUP BY a.id, o.name
         HAVING (count(c.id) FILTER (WHERE c.status = 'pending') = 0) = $1
          ORDER BY a.accepted_at, a.id
          LIMIT $2`,
        [ready, limit],
      );
    return rows.map(({ amount, paid, ...r }) => ({
      ...r,
      amountPence: Number(amount),
      paidPence: Number(paid),
    }));
  }

  /**
   * What happened to the award and the application it came from, oldest first, under the application
   * timeline's rules: the grant holder sees no officer's internal step or note, and staff only by role.
   */
  async timeline(user: AuthUser, id: string): Promise<{ items: TimelineEntry[] }> {
    const { award } = await inTransaction(this.dataSource, (em) => this.access.readable(em, user, id));
    return this.applications.timeline(user, award.applicationId, [{ type: AWARD_AUDIT_SUBJECT, id }]);
  }

  /** The award's variations, oldest first, for anyone who may read the award: its terms are theirs. */
  async variations(user: AuthUser, id: string): Promise<AwardVariation[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.readable(em, user, id);
      const entries = await this.audit.forSubject(em, AWARD_AUDIT_SUBJECT, id);
      return entries
        .filter((e) => e.action === 'award.varied')
        .map((e) => {
          const d = e.data as Omit<AwardVariation, 'at' | 'reason'>;
          return {
            at: e.occurredAt,
            reason: e.reason,
            fromAmountPence: Number(d.fromAmountPence),
            toAmountPence: Number(d.toAmountPence),
            releasedPence: Number(d.releasedPence),
            fromEndDate: String(d.fromEndDate),
            toEndDate: String(d.toEndDate),
          };
        });
    });
  }

  /** Each payment and return on the award, oldest first, for anyone who may read the award. */
  async movements(user: AuthUser, id: string): Promise<AwardMovement[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.readable(em, user, id);
      const rows: (Omit<AwardMovement, 'amountPence'> & { amount: string })[] = await em.query(
        `SELECT kind, amount_pence AS amount, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", reference
           FROM ledger_entries
          WHERE award_id = $1 AND kind IN ('payment', 'return')
          ORDER BY occurred_on, recorded_at, id`,
        [id],
      );
      return rows.map(({ amount, ...r }) => ({ ...r, amountPence: Number(amount) }));
    });
  }
}
