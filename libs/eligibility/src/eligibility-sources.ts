import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EarlierAward } from './eligibility-rules';

/**
 * Earlier awards to an organisation from a fund, for the one-off rule: every award that was not declined
 * or lapsed, in any year of the fund. Read straight from the awards table, as the documents are below:
 * the awards lib depends on this one.
 */
@Injectable()
export class EarlierAwardsSource {
  async find(em: EntityManager, organisationId: string, fundId: string): Promise<EarlierAward[]> {
    const rows: {
      id: string;
      reference: string;
      title: string | null;
      activities: { description: string }[];
    }[] = await em.query(
      `SELECT aw.id, aw.reference, ap.title, ap.activities
         FROM awards aw
         JOIN fund_years fy ON fy.id = aw.fund_year_id
         JOIN applications ap ON ap.id = aw.application_id
         WHERE aw.organisation_id = $1 AND fy.fund_id = $2 AND aw.status NOT IN ('declined', 'lapsed')
         ORDER BY aw.offered_at, aw.id`,
      [organisationId, fundId],
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      fundId,
      organisationId,
      title: r.title ?? '',
      activities: r.activities.map((a) => a.description),
    }));
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
