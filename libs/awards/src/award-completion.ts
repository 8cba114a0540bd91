import { Injectable } from '@nestjs/common';
import { Actor } from '@grants/audit';
import { calendarDateIn, Clock, DomainError, formatPence, Pence } from '@grants/common';
import { Outbox, RegisterJob } from '@grants/jobs';
import { EntityManager } from 'typeorm';
import { AwardTransitions } from './award-transitions';
import { Award } from './award.entity';
import { AWARD_TIME_ZONE } from './decisions.service';
import { Ledger } from './ledger';

/**
 * Closes an award when its final report is accepted: what was paid and not spent becomes a return due,
 * and the part of the commitment the project did not use goes back to the fund year. Runs inside the
 * caller's transaction (the review that accepted the report), so the report, the award and the ledger
 * move together.
 */
@Injectable()
export class AwardCompletion {
  constructor(
    private readonly transitions: AwardTransitions,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** The money the grant will have cost once any unspent money comes back. */
  static usedPence(award: Pick<Award, 'paidPence' | 'returnedPence'>, unspentPence: Pence): Pence {
    return award.paidPence - award.returnedPence - unspentPence;
  }

  async complete(em: EntityManager, awardId: string, unspentPence: Pence, actor: Actor): Promise<void> {
    const award = await em.findOne(Award, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
    if (!award) throw DomainError.notFound('The award');
    const held = award.paidPence - award.returnedPence;
    if (unspentPence > held) {
      throw DomainError.rule('The unspent amount cannot exceed what was paid and not returned', [
        { field: 'unspentPence', message: `at most ${formatPence(held)} was paid and not returned` },
      ]);
    }
    const release = award.amountPence - AwardCompletion.usedPence(award, unspentPence);
    const now = this.clock.now();
    await this.transitions.move(em, award, 'completed', actor, 'award.completed', {
      patch: {
        completedAt: now,
        unspentPence,
        repaymentDuePence: award.repaymentDuePence + unspentPence,
      },
      data: { unspentPence, releasedPence: release },
    });
    if (release > 0) {
      await this.ledger.lockYear(em, award.fundYearId);
      await this.ledger.append(em, {
        fundYearId: award.fundYearId,
        awardId,
        kind: 'release',
        amountPence: release,
        cause: 'completion',
        occurredOn: calendarDateIn(now, AWARD_TIME_ZONE),
        recordedBy: actor.userId,
      });
    }
    await this.outbox.add(em, {
      name: RegisterJob.PublishGrant,
      payload: { awardId },
      key: [awardId, 'completed'],
    });
  }
}
