import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { calendarDateIn, Clock, DomainError, FieldError, formatPence, Pence } from '@grants/common';
import { inTransaction } from '@grants/database';
import { Outbox, RegisterJob } from '@grants/jobs';
import { DataSource, EntityManager } from 'typeorm';
import { AwardAccess } from './award-access';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AwardTransitions } from './award-transitions';
import { AwardView, AwardViews } from './award-views';
import { Award } from './award.entity';
import { AWARD_TIME_ZONE } from './decisions.service';
import { Ledger } from './ledger';

export interface Variation {
  /** A reduced amount: the difference is released. Never an increase: the award is a specified sum. */
  amountPence?: Pence;
  endDate?: string;
  reason: string;
}

/** An approver varies an award (a reduced amount or a new end date) or revokes it for a breach of conditions. */
@Injectable()
export class AwardChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AwardAccess,
    private readonly transitions: AwardTransitions,
    private readonly ledger: Ledger,
    private readonly views: AwardViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async vary(user: AuthUser, id: string, input: Variation): Promise<AwardView> {
    return inTransaction(this.dataSource, async (em) => {
      const award = await this.access.forStaff(em, id);
      if (!['offered', 'accepted'].includes(award.status)) {
        throw DomainError.conflict(`The award is ${award.status}; it can no longer be varied`, {
          currentStatus: award.status,
          allowedStatuses: ['offered', 'accepted'],
        });
      }
      const problems: FieldError[] = [];
      if (input.amountPence === undefined && input.endDate === undefined) {
        problems.push({ field: 'amountPence', message: 'give a reduced amount, a new end date, or both' });
      }
      if (input.amountPence !== undefined) {
        if (input.amountPence >= award.amountPence) {
          problems.push({
            field: 'amountPence',
            message: `a variation may only reduce the award (now ${formatPence(award.amountPence)})`,
          });
        } else if (input.amountPence < award.paidPence || input.amountPence <= 0) {
          problems.push({
            field: 'amountPence',
            message: `must be more than nothing and at least the ${formatPence(award.paidPence)} already paid`,
          });
        }
      }
      if (problems.length) throw DomainError.rule('The variation cannot be made as it stands', problems);
      const released = input.amountPence !== undefined ? award.amountPence - input.amountPence : 0;
      await em.update(
        Award,
        { id },
        {
          ...(input.amountPence !== undefined ? { amountPence: input.amountPence } : {}),
          ...(input.endDate !== undefined ? { endDate: input.endDate } : {}),
        },
      );
      if (released > 0) {
        await this.ledger.lockYear(em, award.fundYearId);
        await this.ledger.append(em, {
          fundYearId: award.fundYearId,
          awardId: id,
          kind: 'release',
          amountPence: released,
          cause: 'variation',
          occurredOn: calendarDateIn(this.clock.now(), AWARD_TIME_ZONE),
          recordedBy: user.id,
        });
      }
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Approver),
        subjectType: AWARD_AUDIT_SUBJECT,
        subjectId: id,
        action: 'award.varied',
        reason: input.reason.trim(),
        data: {
          fromAmountPence: award.amountPence,
          toAmountPence: input.amountPence ?? award.amountPence,
          releasedPence: released,
          fromEndDate: award.endDate,
          toEndDate: input.endDate ?? award.endDate,
        },
      });
      // Each variation is its own event, however close together two of them come.
      await this.republish(em, id, `varied-${randomUUID()}`);
      return this.views.view(em, id, true);
    });
  }

  /** Revoked for a breach: what is unpaid goes back to the fund year; any repayment due is recorded. */
  async revoke(
    user: AuthUser,
    id: string,
    input: { reason: string; repaymentDuePence?: Pence },
  ): Promise<AwardView> {
    return inTransaction(this.dataSource, async (em) => {
      const award = await this.access.forStaff(em, id);
      const repayment = input.repaymentDuePence ?? 0;
      if (repayment > award.paidPence - award.returnedPence) {
        throw DomainError.rule('The repayment due cannot exceed what was paid and not returned', [
          { field: 'repaymentDuePence', message: `at most ${award.paidPence - award.returnedPence} pence` },
        ]);
      }
      const unpaid = award.amountPence - award.paidPence;
      const now = this.clock.now();
      await this.transitions.move(em, award, 'revoked', actorFrom(user, Role.Approver), 'award.revoked', {
        reason: input.reason.trim(),
        patch: { revokedAt: now, revocationReason: input.reason.trim(), repaymentDuePence: repayment },
        data: { releasedPence: unpaid, repaymentDuePence: repayment },
      });
      if (unpaid > 0) {
        await this.ledger.lockYear(em, award.fundYearId);
        await this.ledger.append(em, {
          fundYearId: award.fundYearId,
          awardId: id,
          kind: 'release',
          amountPence: unpaid,
          cause: 'revocation',
          occurredOn: calendarDateIn(now, AWARD_TIME_ZONE),
          recordedBy: user.id,
        });
      }
      await this.republish(em, id, 'revoked');
      return this.views.view(em, id, true);
    });
  }

  /** The register follows the award: a variation corrects its entry, a revocation withdraws it. */
  private async republish(em: EntityManager, awardId: string, cause: string): Promise<void> {
    await this.outbox.add(em, {
      name: RegisterJob.PublishGrant,
      payload: { awardId },
      key: [awardId, cause],
    });
  }
}
