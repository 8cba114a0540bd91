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
 * The kinds of the documents attached to an application, for the documents rule. Read straight from the
 * documents table: the documents lib depends on applications, which depends on this lib, so importing it
 * here would close a cycle.
 */
@Injectable()
export class DocumentKindsSource {
  async kindsFor(em: EntityManager, applicationId: string): Promise<string[]> {
    const rows: { kind: string }[] = await em.query(
      'SELECT DISTINCT kind FROM application_documents WHERE application_id = $1 ORDER BY kind',
      [applicationId],
    );
    return rows.map((r) => r.kind);
  }
}
