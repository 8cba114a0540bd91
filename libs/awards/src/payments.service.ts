import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import {
  calendarDateIn,
  Clock,
  DomainError,
  ErrorCode,
  formatPence,
  Pence,
  trimToNull,
} from '@grants/common';
import { idempotent, inTransaction } from '@grants/database';
import { NotificationJob, Outbox, RegisterJob } from '@grants/jobs';
import { DataSource } from 'typeorm';
import { AwardAccess } from './award-access';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AwardCondition } from './award-condition.entity';
import { AwardView, AwardViews } from './award-views';
import { Award } from './award.entity';
import { AWARD_TIME_ZONE } from './decisions.service';
import { Ledger } from './ledger';

export interface MoneyMovement {
  amountPence: Pence;
  /** The day the money moved (Europe/London); not in the future. */
  on: string;
  reference: string;
  note?: string;
}

/**
 * Finance records payments to a grant holder (in instalments, never past the award) and returns of unspent
 * money (never past what was paid). No money moves before the offer is accepted and every before-payment
 * condition is met or waived.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AwardAccess,
    private readonly ledger: Ledger,
    private readonly views: AwardViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async pay(user: AuthUser, id: string, input: MoneyMovement, idempotencyKey?: string): Promise<AwardView> {
    return this.record(user, id, input, idempotencyKey, 'payment');
  }

  async recordReturn(
    user: AuthUser,
    id: string,
    input: MoneyMovement,
    idempotencyKey?: string,
  ): Promise<AwardView> {
    return this.record(user, id, input, idempotencyKey, 'return');
  }

  private async record(
    user: AuthUser,
    id: string,
    input: MoneyMovement,
    idempotencyKey: string | undefined,
    kind: 'payment' | 'return',
  ): Promise<AwardView> {
    return inTransaction(this.dataSource, (em) =>
      idempotent(
        em,
        { userId: user.id, key: idempotencyKey, scope: `${kind} ${id}`, body: input },
        async () => {
          const award = await this.access.forStaff(em, id);
          const today = calendarDateIn(this.clock.now(), AWARD_TIME_ZONE);
          if (input.on > today)
            throw DomainError.invalid([{ field: 'on', message: 'must not be in the future' }]);
          if (kind === 'payment') {
            if (award.status !== 'accepted') {
              throw new DomainError(
                ErrorCode.InvalidTransition,
                `The award is ${award.status}; payments are made only once the offer is accepted`,
                { currentStatus: award.status, allowedStatuses: ['accepted'] },
              );
            }
            const unmet = await em.find(AwardCondition, {
              where: { awardId: id, timing: 'before_payment', status: 'pending' },
              order: { position: 'ASC' },
            });
            if (unmet.length) {
              throw DomainError.conflict(
                `No payment until every before-payment condition is met or waived: ${unmet.map((c) => c.text).join('; ')}`,
                { pendingConditionIds: unmet.map((c) => c.id) },
              );
            }
            const left = award.amountPence - award.paidPence;
            if (input.amountPence > left) {
              throw DomainError.rule(
                `The payment would take the award past its ${formatPence(award.amountPence)}: ${formatPence(left)} is left to pay`,
                [{ field: 'amountPence', message: `at most ${left} pence is left to pay` }],
                { remainingPence: left },
              );
            }
          } else {
            const returnable = award.paidPence - award.returnedPence;
            if (input.amountPence > returnable) {
              throw DomainError.rule(
                `A return cannot exceed what was paid and not yet returned (${formatPence(returnable)})`,
                [{ field: 'amountPence', message: `at most ${returnable} pence can be returned` }],
                { returnablePence: returnable },
              );
            }
          }
          await this.ledger.lockYear(em, award.fundYearId);
          const entryId = await this.ledger.append(em, {
            fundYearId: award.fundYearId,
            awardId: id,
            kind,
            amountPence: input.amountPence,
            cause: kind,
            reference: input.reference.trim(),
            occurredOn: input.on,
            recordedBy: user.id,
          });
          // The register shows the amount paid so far, so every movement republishes.
          await this.outbox.addAll(em, [
            ...(kind === 'payment'
              ? [{ name: NotificationJob.PaymentMade, payload: { paymentId: entryId }, key: [entryId] }]
              : []),
            { name: RegisterJob.PublishGrant, payload: { awardId: id }, key: [id, 'ledger', entryId] },
          ]);
          if (kind === 'return' && award.repaymentDuePence > 0) {
            // Money back on a revoked award settles what was due first.
            await em.update(
              Award,
              { id },
              { repaymentDuePence: Math.max(0, award.repaymentDuePence - input.amountPence) },
            );
          }
          await this.audit.record(em, {
            actor: actorFrom(user, Role.Finance),
            subjectType: AWARD_AUDIT_SUBJECT,
            subjectId: id,
            action: kind === 'payment' ? 'award.payment_recorded' : 'award.return_recorded',
            reason: trimToNull(input.note) ?? null,
            data: { amountPence: input.amountPence, on: input.on, reference: input.reference.trim() },
          });
          return this.views.view(em, id, true);
        },
      ),
    );
  }
}
