import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, pageOf, Pence } from '@grants/common';
import { applyKeyset, inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { AwardAccess } from './award-access';
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
}
