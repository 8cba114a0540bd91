import { Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Clock } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';

/**
 * Copies a decision into the published decisions (Governance: decisions of significant public interest
 * are published). Only what the decision says and who in the office made it; nothing about the applicant.
 */
@Injectable()
export class PublishedDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(decisionId: string): Promise<'published' | 'unchanged' | 'not-found'> {
    return inTransaction(this.dataSource, async (em) => {
      const [funder] = await em.query(
        `SELECT publisher_prefix, time_zone FROM funders ORDER BY created_at LIMIT 1`,
      );
      const rows: { decision_id: string; application_id: string }[] = await em.query(
        `INSERT INTO register_decisions (decision_id, outcome, decided_at, decided_on, decision_maker_role,
           amount_requested_pence, amount_awarded_pence, reasons, round_id, round_title, fund_year, grant_id, published_at)
         SELECT d.id, d.outcome, d.decided_at, (d.decided_at AT TIME ZONE $2)::date, d.decided_role,
                coalesce(ap.amount_requested_pence, 0), d.amount_pence, d.reasons, r.id, r.title, fy.label,
                CASE WHEN aw.id IS NULL THEN NULL ELSE $3 || '-' || aw.id END, $4
           FROM decisions d
           JOIN applications ap ON ap.id = d.application_id
           JOIN rounds r ON r.id = ap.round_id
           JOIN fund_years fy ON fy.id = r.fund_year_id
           LEFT JOIN awards aw ON aw.decision_id = d.id
          WHERE d.id = $1
         ON CONFLICT (decision_id) DO NOTHING
         RETURNING decision_id, (SELECT application_id FROM decisions WHERE id = $1) AS application_id`,
        [
          decisionId,
          funder?.time_zone ?? 'Europe/London',
          funder?.publisher_prefix ?? '360G-unknown',
          this.clock.now(),
        ],
      );
      if (rows.length === 0) {
        const [exists] = await em.query(`SELECT 1 FROM register_decisions WHERE decision_id = $1`, [
          decisionId,
        ]);
        return exists ? 'unchanged' : 'not-found';
      }
      await em.query(`UPDATE register_state SET revision = revision + 1`);
      await this.audit.record(em, {
        actor: SYSTEM_ACTOR,
        subjectType: 'application',
        subjectId: rows[0]!.application_id,
        action: 'register.decision-published',
        data: { decisionId },
      });
      return 'published';
    });
  }
}
