import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EarlierAward } from './eligibility-rules';

/**
 * Earlier awards to an organisation from a fund, for the one-off rule. Awards arrive with issue 4; until
 * then there are none, and that module will provide its own implementation under this token.
 */
@Injectable()
export class EarlierAwardsSource {
  async find(_em: EntityManager, _organisationId: string, _fundId: string): Promise<EarlierAward[]> {
    return [];
  }
}

/**
 * The kinds of the documents attached to an application, for the documents rule. Documents are being
 * built separately; until they are wired in there are none.
 */
@Injectable()
export class DocumentKindsSource {
  async kindsFor(_em: EntityManager, _applicationId: string): Promise<string[]> {
    return [];
  }
}
