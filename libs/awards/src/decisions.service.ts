import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role, User } from '@grants/accounts';
import { ApplicationAccess, ApplicationTransitions, assertNoConflict } from '@grants/applications';
import { AssessorAssignment, Recommendation } from '@grants/assessment';
import { AuditService } from '@grants/audit';
import {
  calendarDateIn,
  Clock,
  DomainError,
  ErrorCode,
  FieldError,
  formatPence,
  Pence,
} from '@grants/common';
import { idempotent, inTransaction } from '@grants/database';
import { ConditionTiming, RoundsService } from '@grants/rounds';
import { DataSource, EntityManager } from 'typeorm';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { AwardCondition } from './award-condition.entity';
import { Award } from './award.entity';
import { AwardView, AwardViews } from './award-views';
import { DecidedCondition, Decision, DecisionOutcome } from './decision.entity';
import { Ledger } from './ledger';

/** The funder's calendar, for acceptance deadlines (a deadline is a day, not an instant). */
export const AWARD_TIME_ZONE = 'Europe/London';

export interface DecisionCommand {
  outcome: DecisionOutcome;
  amountPence?: Pence;
  reasons: string;
  specialConditions?: { text: string; timing: ConditionTiming }[];
  acceptanceDeadline?: string;
}

export interface DecisionView {
  id: string;
  applicationId: string;
  recommendationId: string;
  outcome: DecisionOutcome;
  amountPence: Pence | null;
  reasons: string;
  conditions: DecidedCondition[];
  acceptanceDeadline: string | null;
  decidedBy: string;
  decidedRole: string;
  decidedAt: Date;
  award: AwardView | null;
}

/**
 * An approver decides a recommended application: award (an offer with conditions, committed against the
 * fund year's cap under its row lock) or refuse. Nobody decides what they assessed, moderated or declared
 * a conflict on, nor above their delegated limit.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly rounds: RoundsService,
    private readonly ledger: Ledger,
    private readonly views: AwardViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async decide(
    user: AuthUser,
    applicationId: string,
    cmd: DecisionCommand,
    idempotencyKey?: string,
  ): Promise<DecisionView> {
    return inTransaction(this.dataSource, (em) =>
      idempotent(
        em,
        { userId: user.id, key: idempotencyKey, scope: `decision ${applicationId}`, body: cmd },
        () => this.decideIn(em, user, applicationId, cmd),
      ),
    );
  }

  private async decideIn(
    em: EntityManager,
    user: AuthUser,
    applicationId: string,
    cmd: DecisionCommand,
  ): Promise<DecisionView> {
    const application = await this.access.forOfficer(em, user, applicationId);
    const to = cmd.outcome === 'award' ? 'awarded' : 'refused';
    if (application.status !== 'recommended') {
      throw new DomainError(
        ErrorCode.InvalidTransition,
        `The application is ${application.status}; only a recommended application can be decided`,
        { currentStatus: application.status, requestedStatus: to, allowedStatuses: [] },
      );
    }
    await this.assertMayDecide(em, user, applicationId);
    const recommendation = await em.findOneOrFail(Recommendation, { where: { applicationId } });
    const round = (await this.rounds.findById(application.roundId, em))!;
    const now = this.clock.now();
    const today = calendarDateIn(now, AWARD_TIME_ZONE);
    const reasons = cmd.reasons.trim();
    const actor = actorFrom(user, Role.Approver);

    if (cmd.outcome === 'refuse') {
      if (cmd.amountPence !== undefined || cmd.specialConditions?.length || cmd.acceptanceDeadline) {
        throw DomainError.invalid(
          [{ field: 'outcome', message: 'a refusal takes reasons only: no amount, conditions or deadline' }],
          'A refusal has no amount, conditions or deadline',
        );
      }
      const decision = await em.save(
        em.create(Decision, {
          applicationId,
          recommendationId: recommendation.id,
          outcome: 'refuse',
          amountPence: null,
          reasons,
          conditions: [],
          acceptanceDeadline: null,
          decidedBy: user.id,
          decidedRole: actor.role,
          decidedAt: now,
        }),
      );
      await this.transitions.move(em, {
        application,
        to,
        actor,
        action: 'application.refused',
        reason: reasons,
        data: { decisionId: decision.id, recommendation: recommendation.outcome },
      });
      return viewOf(decision, null);
    }

    const requested = application.amountRequestedPence ?? 0;
    const amount = cmd.amountPence ?? recommendation.amountPence;
    const problems: FieldError[] = [];
    if (amount <= 0) problems.push({ field: 'amountPence', message: 'an award must be more than nothing' });
    if (amount > requested) {
      problems.push({
        field: 'amountPence',
        message: `must not exceed the ${formatPence(requested)} requested`,
      });
    }
    if (amount > round.maxAwardPence) {
      problems.push({
        field: 'amountPence',
        message: `must not exceed the round's maximum award of ${formatPence(round.maxAwardPence)}`,
      });
    }
    const deadline = cmd.acceptanceDeadline ?? addDays(today, round.acceptanceWindowDays);
    if (deadline < today) problems.push({ field: 'acceptanceDeadline', message: 'must not be in the past' });
    if (problems.length) throw DomainError.rule('The award cannot be made as it stands', problems);
    await this.assertWithinLimit(em, user, amount);

    const standard = await this.rounds.standardConditionsOf(round.id, em);
    const conditions: DecidedCondition[] = [
      ...standard.map((c) => ({ kind: 'standard' as const, timing: c.timing, text: c.text })),
      ...(cmd.specialConditions ?? []).map((c) => ({
        kind: 'special' as const,
        timing: c.timing,
        text: c.text.trim(),
      })),
    ];

    // The cap: lock the year, check under the lock, then write; the ledger's constraints back the check.
    const year = await this.ledger.lockYear(em, round.fundYearId);
    this.ledger.assertFits(year, amount);
    const decision = await em.save(
      em.create(Decision, {
        applicationId,
        recommendationId: recommendation.id,
        outcome: 'award',
        amountPence: amount,
        reasons,
        conditions,
        acceptanceDeadline: deadline,
        decidedBy: user.id,
        decidedRole: actor.role,
        decidedAt: now,
      }),
    );
    const award = await em.save(
      em.create(Award, {
        applicationId,
        decisionId: decision.id,
        organisationId: application.organisationId,
        roundId: round.id,
        fundYearId: year.id,
        reference: application.reference,
        status: 'offered',
        offeredAmountPence: amount,
        amountPence: amount,
        acceptanceDeadline: deadline,
        endDate: application.endDate ?? today,
        offeredAt: now,
        acceptedAt: null,
        acceptedBy: null,
        signatoryName: null,
        signatoryPosition: null,
        declinedAt: null,
        declineReason: null,
        lapsedAt: null,
        revokedAt: null,
        revocationReason: null,
        repaymentDuePence: 0,
      }),
    );
    await em.insert(
      AwardCondition,
      conditions.map((c, i) => ({ awardId: award.id, position: i + 1, ...c, status: 'pending' as const })),
    );
    await this.ledger.append(em, {
      fundYearId: year.id,
      awardId: award.id,
      kind: 'commitment',
      amountPence: amount,
      cause: 'award',
      occurredOn: today,
      recordedBy: user.id,
    });
    await this.transitions.move(em, {
      application,
      to,
      actor,
      action: 'application.awarded',
      reason: reasons,
      data: { decisionId: decision.id, awardId: award.id, amountPence: amount, acceptanceDeadline: deadline },
    });
    await this.audit.record(em, {
      actor,
      subjectType: AWARD_AUDIT_SUBJECT,
      subjectId: award.id,
      action: 'award.offered',
      toStatus: 'offered',
      reason: reasons,
      data: {
        decisionId: decision.id,
        amountPence: amount,
        acceptanceDeadline: deadline,
        conditions: conditions.length,
      },
    });
    return viewOf(decision, await this.views.view(em, award.id, true));
  }

  async get(user: AuthUser, applicationId: string): Promise<DecisionView> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.readable(em, user, applicationId);
      const decision = await em.findOne(Decision, { where: { applicationId } });
      if (!decision) throw DomainError.notFound('The decision');
      const award = await em.findOne(Award, { where: { applicationId } });
      return viewOf(decision, award ? await this.views.view(em, award.id, true) : null);
    });
  }

  /** Separation of duties: no conflict, not an assessor, not the moderator. */
  private async assertMayDecide(em: EntityManager, user: AuthUser, applicationId: string): Promise<void> {
    await assertNoConflict(em, applicationId, user.id, 'decide it');
    const assessed = await em.count(AssessorAssignment, { where: { applicationId, assessorId: user.id } });
    const moderated = await em.count(Recommendation, { where: { applicationId, recordedBy: user.id } });
    if (assessed || moderated) {
      throw DomainError.forbidden(
        `You ${assessed ? 'were assigned to assess' : 'moderated'} this application, so someone else must decide it`,
      );
    }
  }

  private async assertWithinLimit(em: EntityManager, user: AuthUser, amountPence: Pence): Promise<void> {
    const approver = await em.findOneOrFail(User, { where: { id: user.id } });
    if (approver.approvalLimitPence !== null && amountPence > approver.approvalLimitPence) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The award of ${formatPence(amountPence)} is above your delegated limit of ${formatPence(approver.approvalLimitPence)}; ` +
          'an approver with a higher limit must decide it',
        { approvalLimitPence: approver.approvalLimitPence, amountPence },
      );
    }
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function viewOf(d: Decision, award: AwardView | null): DecisionView {
  return {
    id: d.id,
    applicationId: d.applicationId,
    recommendationId: d.recommendationId,
    outcome: d.outcome,
    amountPence: d.amountPence,
    reasons: d.reasons,
    conditions: d.conditions,
    acceptanceDeadline: d.acceptanceDeadline,
    decidedBy: d.decidedBy,
    decidedRole: d.decidedRole,
    decidedAt: d.decidedAt,
    award,
  };
}
