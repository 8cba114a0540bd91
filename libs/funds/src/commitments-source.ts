import { Injectable } from '@nestjs/common';
import { Pence } from '@grants/common';
import { EntityManager } from 'typeorm';

/**
 * How much of a fund year is committed (awards made, less money released). The awards ledger arrives with
 * issue 4 and provides its own implementation under this token; until then no award can exist (nothing
 * moves an application to awarded), so nothing is committed.
 */
@Injectable()
export class CommitmentsSource {
  async committedPence(_em: EntityManager, _fundYearId: string): Promise<Pence> {
    return 0;
  }
}
