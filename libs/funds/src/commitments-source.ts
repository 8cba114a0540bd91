import { Injectable } from '@nestjs/common';
import { Pence } from '@grants/common';
import { EntityManager } from 'typeorm';
import { FundYear } from './fund-year.entity';

/** How much of a fund year is committed net of releases, from the totals the ledger keeps on the row. */
@Injectable()
export class CommitmentsSource {
  async committedPence(em: EntityManager, fundYearId: string): Promise<Pence> {
    const year = await em.findOneOrFail(FundYear, { where: { id: fundYearId } });
    return year.committedPence - year.releasedPence;
  }
}
