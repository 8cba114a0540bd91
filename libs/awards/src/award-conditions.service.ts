import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { Clock, DomainError } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { AwardAccess } from './award-access';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AwardCondition, ConditionStatus } from './award-condition.entity';
import { AwardView, AwardViews } from './award-views';

/** An officer marks a condition met (with evidence), waived (with a reason), or pending again (with a reason). */
@Injectable()
export class AwardConditionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AwardAccess,
    private readonly views: AwardViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async setStatus(
    user: AuthUser,
    awardId: string,
    conditionId: string,
    input: { status: ConditionStatus; note: string },
  ): Promise<AwardView> {
    return inTransaction(this.dataSource, async (em) => {
      const award = await this.access.forStaff(em, awardId);
      const condition = await em.findOne(AwardCondition, { where: { id: conditionId, awardId } });
      if (!condition) throw DomainError.notFound('The condition');
      if (!['offered', 'accepted'].includes(award.status)) {
        throw DomainError.conflict(`The award is ${award.status}; its conditions can no longer change`, {
          currentStatus: award.status,
        });
      }
      if (condition.status === input.status) {
        throw DomainError.conflict(`The condition is already ${input.status}`, {
          currentStatus: condition.status,
        });
      }
      const note = input.note.trim();
      await em.update(
        AwardCondition,
        { id: conditionId },
        {
          status: input.status,
          statusNote: note,
          statusChangedBy: user.id,
          statusChangedAt: this.clock.now(),
        },
      );
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: AWARD_AUDIT_SUBJECT,
        subjectId: awardId,
        action: 'award.condition_status_changed',
        fromStatus: condition.status,
        toStatus: input.status,
        reason: note,
        data: { conditionId, position: condition.position, timing: condition.timing },
      });
      return this.views.view(em, awardId, true);
    });
  }
}
