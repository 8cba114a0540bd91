import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { Actor, SYSTEM_ACTOR } from '@grants/audit';
import { calendarDateIn, Clock, DomainError, ErrorCode, FieldError, formatPence } from '@grants/common';
import { idempotent, inTransaction } from '@grants/database';
import { NotificationJob, Outbox, RegisterJob, ReminderJob } from '@grants/jobs';
import { DataSource, EntityManager } from 'typeorm';
import { AwardAccess } from './award-access';
import { AwardCondition } from './award-condition.entity';
import { AwardTransitions } from './award-transitions';
import { AwardView, AwardViews } from './award-views';
import { Award } from './award.entity';
import { AWARD_TIME_ZONE } from './decisions.service';
import { Ledger } from './ledger';
import { monitoringScheduleFor } from './monitoring-schedule';

export interface Acceptance {
  /** The sum the signatory accepts: an offer varied after they read it is not accepted unawares. */
  amountPence: number;
  signatoryName: string;
  signatoryPosition: string;
  /** Every condition of the offer, each confirmed explicitly. */
  acceptedConditionIds: string[];
}

export type LapseOutcome = 'lapsed' | 'skipped';

/** The grant holder accepts or declines an offer; an offer past its deadline lapses. Both ends release the money. */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AwardAccess,
    private readonly transitions: AwardTransitions,
    private readonly ledger: Ledger,
    private readonly views: AwardViews,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async accept(user: AuthUser, id: string, input: Acceptance, idempotencyKey?: string): Promise<AwardView> {
    return inTransaction(this.dataSource, (em) =>
      idempotent(
        em,
        { userId: user.id, key: idempotencyKey, scope: `accept ${id}`, body: input },
        async () => {
          const award = await this.access.forSignatory(em, user, id);
          this.assertOpen(award);
          if (input.amountPence !== award.amountPence) {
            throw DomainError.conflict(
              `The offer is now ${formatPence(award.amountPence)}, not ${formatPence(input.amountPence)}; ` +
                'read it again before accepting',
              { amountPence: award.amountPence },
            );
          }
          const conditions = await em.find(AwardCondition, {
            where: { awardId: id },
            order: { position: 'ASC' },
          });
          const confirmed = new Set(input.acceptedConditionIds.map((c) => c.toLowerCase()));
          const problems: FieldError[] = conditions
            .filter((c) => !confirmed.has(c.id))
            .map((c) => ({
              field: 'acceptedConditionIds',
              message: `condition ${c.position} is not confirmed: ${c.text}`,
            }));
          const unknown = [...confirmed].filter((c) => !conditions.some((x) => x.id === c));
          if (unknown.length) {
            problems.push({
              field: 'acceptedConditionIds',
              message: `not conditions of this offer: ${unknown.join(', ')}`,
            });
          }
          if (problems.length)
            throw DomainError.rule('Every condition of the offer must be confirmed', problems);
          const now = this.clock.now();
          await this.transitions.move(em, award, 'accepted', actorFrom(user), 'award.accepted', {
            patch: {
              acceptedAt: now,
              acceptedBy: user.id,
              signatoryName: input.signatoryName.trim(),
              signatoryPosition: input.signatoryPosition.trim(),
            },
            data: { signatoryName: input.signatoryName.trim(), conditionIds: conditions.map((c) => c.id) },
          });
          const reportIds = await this.scheduleMonitoring(em, award, now);
          await this.outbox.addAll(em, [
            { name: NotificationJob.OfferAccepted, payload: { awardId: id }, key: [id] },
            { name: RegisterJob.PublishGrant, payload: { awardId: id }, key: [id, 'accepted'] },
            ...reportIds.map((reportId) => ({
              name: ReminderJob.Plan,
              payload: { subjectType: 'monitoring-report' as const, subjectId: reportId },
              key: ['monitoring-report', reportId, 'scheduled'],
            })),
          ]);
          await this.replanReminders(em, award);
          return this.views.view(em, id, false);
        },
      ),
    );
  }

  /** The reports the grant holder now owes, from the round's monitoring terms; their ids, for reminders. */
  private async scheduleMonitoring(em: EntityManager, award: Award, acceptedAt: Date): Promise<string[]> {
    const [terms] = await em.query(
      `SELECT ap.start_date::text AS start_date, r.interim_report_over_months, r.final_report_due_days
         FROM applications ap JOIN rounds r ON r.id = ap.round_id WHERE ap.id = $1`,
      [award.applicationId],
    );
    const reports = monitoringScheduleFor({
      startDate: terms.start_date ?? calendarDateIn(acceptedAt, AWARD_TIME_ZONE),
      endDate: award.endDate,
      interimReportOverMonths: terms.interim_report_over_months,
      finalReportDueDays: terms.final_report_due_days,
    });
    const rows: { id: string }[] = await em.query(
      `INSERT INTO monitoring_reports (award_id, position, kind, period_start, period_end, due_on, created_at, updated_at)
       SELECT $1, position, kind, period_start, period_end, due_on, $6, $6
         FROM unnest($2::int[], $3::text[], $4::date[], $5::date[], $7::date[])
           AS t(position, kind, period_start, period_end, due_on)
       RETURNING id`,
      [
        award.id,
        reports.map((r) => r.position),
        reports.map((r) => r.kind),
        reports.map((r) => r.periodStart),
        reports.map((r) => r.periodEnd),
        acceptedAt,
        reports.map((r) => r.dueOn),
      ],
    );
    return rows.map((r) => r.id);
  }

  async decline(user: AuthUser, id: string, reason: string, idempotencyKey?: string): Promise<AwardView> {
    return inTransaction(this.dataSource, (em) =>
      idempotent(
        em,
        { userId: user.id, key: idempotencyKey, scope: `decline ${id}`, body: { reason } },
        async () => {
          const award = await this.access.forSignatory(em, user, id);
          this.assertOpen(award);
          await this.end(em, award, 'declined', actorFrom(user), reason.trim());
          return this.views.view(em, id, false);
        },
      ),
    );
  }

  /**
   * Lapses an offer whose acceptance deadline (a Europe/London day) has passed, releasing its commitment.
   * Idempotent: anything else (already lapsed, accepted, not yet due) is skipped, so the worker can retry.
   */
  async lapse(id: string, actor: Actor = SYSTEM_ACTOR): Promise<LapseOutcome> {
    return inTransaction(this.dataSource, async (em) => {
      const award = await this.access.forStaff(em, id);
      if (award.status !== 'offered' || !this.pastDeadline(award)) return 'skipped';
      await this.end(
        em,
        award,
        'lapsed',
        actor,
        `The acceptance deadline of ${award.acceptanceDeadline} passed`,
      );
      return 'lapsed';
    });
  }

  private pastDeadline(award: Award): boolean {
    return calendarDateIn(this.clock.now(), AWARD_TIME_ZONE) > award.acceptanceDeadline;
  }

  private assertOpen(award: Award): void {
    if (award.status === 'offered' && this.pastDeadline(award)) {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        `The offer could be accepted until ${award.acceptanceDeadline}; that date has passed`,
        {
          currentStatus: award.status,
          acceptanceDeadline: award.acceptanceDeadline,
          allowedStatuses: ['lapsed'],
        },
      );
    }
  }

  /** Declined or lapsed: the whole commitment goes back to the fund year. */
  private async end(
    em: EntityManager,
    award: Award,
    to: 'declined' | 'lapsed',
    actor: Actor,
    reason: string,
  ): Promise<void> {
    const now = this.clock.now();
    await this.transitions.move(em, award, to, actor, `award.${to}`, {
      reason,
      patch: to === 'declined' ? { declinedAt: now, declineReason: reason } : { lapsedAt: now },
      data: { releasedPence: award.amountPence },
    });
    await this.ledger.lockYear(em, award.fundYearId);
    await this.ledger.append(em, {
      fundYearId: award.fundYearId,
      awardId: award.id,
      kind: 'release',
      amountPence: award.amountPence,
      cause: to === 'declined' ? 'decline' : 'lapse',
      occurredOn: calendarDateIn(now, AWARD_TIME_ZONE),
      recordedBy: actor.userId,
    });
    if (to === 'lapsed') {
      await this.outbox.add(em, {
        name: NotificationJob.OfferLapsed,
        payload: { awardId: award.id },
        key: [award.id],
      });
    }
    // A grant published at decision and never taken up comes off the register.
    await this.outbox.add(em, {
      name: RegisterJob.PublishGrant,
      payload: { awardId: award.id },
      key: [award.id, to],
    });
    await this.replanReminders(em, award);
  }

  /** Once an offer is answered or lapsed, its outstanding reminders and deadline are withdrawn. */
  private async replanReminders(em: EntityManager, award: Award): Promise<void> {
    await this.outbox.add(em, {
      name: ReminderJob.Plan,
      payload: { subjectType: 'offer', subjectId: award.id },
      key: ['offer', award.id, award.status === 'offered' ? 'answered' : award.status],
    });
  }
}
