import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import { assertTransition } from '@grants/common';
import { EntityManager } from 'typeorm';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AWARD_MACHINE, AwardStatus } from './award-status';
import { Award } from './award.entity';

/** The one way an award changes status: checked against the machine, written and audited together. */
@Injectable()
export class AwardTransitions {
  constructor(private readonly audit: AuditService) {}

  async move(
    em: EntityManager,
    award: Award,
    to: AwardStatus,
    actor: Actor,
    action: string,
    extra: { reason?: string | null; data?: Record<string, unknown>; patch?: Partial<Award> } = {},
  ): Promise<void> {
    assertTransition(AWARD_MACHINE, 'award', award.status, to);
    await em.update(Award, { id: award.id }, { ...extra.patch, status: to });
    await this.audit.record(em, {
      actor,
      subjectType: AWARD_AUDIT_SUBJECT,
      subjectId: award.id,
      action,
      fromStatus: award.status,
      toStatus: to,
      reason: extra.reason ?? null,
      data: extra.data,
    });
  }
}
