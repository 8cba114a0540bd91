import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { ApplicationAccess, ApplicationTransitions } from '@grants/applications';
import { AuditService } from '@grants/audit';
import {
  addDays,
  calendarDateIn,
  Clock,
  DomainError,
  ErrorCode,
  FieldError,
  formatPence,
  Pence,
} from '@grants/common';
import { idempotent, inTransaction, prepared } from '@grants/database';
import { ConditionTiming } from '@grants/rounds';
import { NotificationJob, Outbox, RegisterJob, ReminderJob } from '@grants/jobs';
import { DataSource, EntityManager } from 'typeorm';
import { AWARD_AUDIT_SUBJECT } from './award-audit';
import { Award } from './award.entity';
import { AwardView, awardViewOf, AwardViews } from './award-views';
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
    private readonly ledger: Ledger,
    private readonly views: AwardViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
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
    const facts = await decisionFacts(em, application.id, application.roundId, user.id);
    assertMayDecide(facts);
    const now = this.clock.now();
    const today = calendarDateIn(now, AWARD_TIME_ZONE);
    const reasons = cmd.reasons.trim();
    const actor = actorFrom(user, Role.Approver);
    const decisionId = randomUUID();

    if (cmd.outcome === 'refuse') {
      if (cmd.amountPence !== undefined || cmd.specialConditions?.length || cmd.acceptanceDeadline) {
        throw DomainError.invalid(
          [{ field: 'outcome', message: 'a refusal takes reasons only: no amount, conditions or deadline' }],
          'A refusal has no amount, conditions or deadline',
        );
      }
      const decision: Decision = {
        id: decisionId,
        applicationId,
        recommendationId: facts.recommendationId,
        outcome: 'refuse',
        amountPence: null,
        reasons,
        conditions: [],
        acceptanceDeadline: null,
        decidedBy: user.id,
        decidedRole: actor.role,
        decidedAt: now,
      };
      await em.insert(Decision, decision);
      await this.transitions.move(em, {
        application,
        to,
        actor,
        action: 'application.refused',
        reason: reasons,
        data: { decisionId, recommendation: facts.recommendationOutcome },
      });
      await this.outbox.addAll(em, [
        { name: NotificationJob.DecisionMade, payload: { applicationId }, key: [decisionId] },
        { name: RegisterJob.PublishDecision, payload: { decisionId }, key: [decisionId] },
      ]);
      return viewOf(decision, null);
    }

    const requested = application.amountRequestedPence ?? 0;
    const amount = cmd.amountPence ?? facts.recommendedPence;
    const deadline = cmd.acceptanceDeadline ?? addDays(today, facts.acceptanceWindowDays);
    const problems = awardProblems({
      amount,
      requested,
      maxAwardPence: facts.maxAwardPence,
      deadline,
      today,
    });
    if (problems.length) throw DomainError.rule('The award cannot be made as it stands', problems);
    if (facts.approvalLimitPence !== null && amount > facts.approvalLimitPence) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The award of ${formatPence(amount)} is above your delegated limit of ${formatPence(facts.approvalLimitPence)}; ` +
          'an approver with a higher limit must decide it',
        { approvalLimitPence: facts.approvalLimitPence, amountPence: amount },
      );
    }
    const conditions: DecidedCondition[] = [
      ...facts.standardConditions.map((c) => ({ kind: 'standard' as const, timing: c.timing, text: c.text })),
      ...(cmd.specialConditions ?? []).map((c) => ({
        kind: 'special' as const,
        timing: c.timing,
        text: c.text.trim(),
      })),
    ];
    const decision: Decision = {
      id: decisionId,
      applicationId,
      recommendationId: facts.recommendationId,
      outcome: 'award',
      amountPence: amount,
      reasons,
      conditions,
      acceptanceDeadline: deadline,
      decidedBy: user.id,
      decidedRole: actor.role,
      decidedAt: now,
    };
    const awardId = randomUUID();
    const conditionRows = conditions.map((c, i) => ({
      id: randomUUID(),
      awardId,
      position: i + 1,
      ...c,
      status: 'pending' as const,
    }));
    // The decision, the award, its conditions and its audit entry in one statement: every round trip saved
    // is throughput when fifty approvers decide at once.
    await this.audit.recordAlong(
      em,
      {
        writes: [
          `INSERT INTO decisions (id, application_id, recommendation_id, outcome, amount_pence, reasons, conditions,
             acceptance_deadline, decided_by, decided_role, decided_at)
           VALUES ($1, $2, $3, 'award', $4, $5, $6::jsonb, $7, $8, $9, $10)`,
          `INSERT INTO awards (id, application_id, decision_id, organisation_id, round_id, fund_year_id, reference,
             status, offered_amount_pence, amount_pence, acceptance_deadline, end_date, offered_at)
           VALUES ($11, $2, $1, $12, $13, $14, $15, 'offered', $4, $4, $7, $16, $10)`,
          `INSERT INTO award_conditions (id, award_id, position, kind, timing, text, status)
           SELECT c.id, $11, c.position, c.kind, c.timing, c.text, 'pending'
           FROM jsonb_to_recordset($17::jsonb) AS c(id uuid, position int, kind text, timing text, text text)`,
        ],
        params: [
          decisionId,
          applicationId,
          facts.recommendationId,
          amount,
          reasons,
          JSON.stringify(conditions),
          deadline,
          user.id,
          actor.role,
          now,
          awardId,
          application.organisationId,
          application.roundId,
          facts.fundYearId,
          application.reference,
          application.endDate ?? today,
          JSON.stringify(conditionRows),
        ],
      },
      {
        actor,
        subjectType: AWARD_AUDIT_SUBJECT,
        subjectId: awardId,
        action: 'award.offered',
        toStatus: 'offered',
        reason: reasons,
        data: {
          decisionId,
          amountPence: amount,
          acceptanceDeadline: deadline,
          conditions: conditions.length,
        },
      },
    );
    await this.transitions.move(em, {
      application,
      to,
      actor,
      action: 'application.awarded',
      reason: reasons,
      data: { decisionId, awardId, amountPence: amount, acceptanceDeadline: deadline },
    });
    await this.outbox.addAll(em, [
      { name: NotificationJob.DecisionMade, payload: { applicationId }, key: [decisionId] },
      {
        name: ReminderJob.Plan,
        payload: { subjectType: 'offer', subjectId: awardId },
        key: ['offer', awardId, decisionId],
      },
      { name: RegisterJob.PublishDecision, payload: { decisionId }, key: [decisionId] },
      // Published now only where the profile publishes on decision; otherwise the job finds nothing to do yet.
      { name: RegisterJob.PublishGrant, payload: { awardId }, key: [awardId, 'offered'] },
    ]);
    // The cap last, in one statement: every decision in the year queues on the fund year's row lock until
    // commit, so everything that does not need it is done first. The ledger's constraints back the check.
    await this.ledger.commitWithinCap(em, {
      fundYearId: facts.fundYearId,
      awardId,
      amountPence: amount,
      cause: 'award',
      occurredOn: today,
      recordedBy: user.id,
      recordedAt: now,
    });
    const view = awardViewOf(
      {
        id: awardId,
        reference: application.reference,
        applicationId,
        organisationId: application.organisationId,
        roundId: application.roundId,
        fundYearId: facts.fundYearId,
        status: 'offered',
        offeredAmountPence: amount,
        amountPence: amount,
        paidPence: 0,
        returnedPence: 0,
        repaymentDuePence: 0,
        acceptanceDeadline: deadline,
        endDate: application.endDate ?? today,
        offeredAt: now,
        acceptedAt: null,
        signatoryName: null,
        signatoryPosition: null,
        declinedAt: null,
        declineReason: null,
        lapsedAt: null,
        revokedAt: null,
        revocationReason: null,
        completedAt: null,
        unspentPence: null,
      },
      conditionRows,
      [
        {
          kind: 'commitment',
          amountPence: amount,
          cause: 'award',
          reference: null,
          occurredOn: today,
          recordedAt: now,
        },
      ],
    );
    return viewOf(decision, view);
  }

  async get(user: AuthUser, applicationId: string): Promise<DecisionView> {
    return inTransaction(this.dataSource, async (em) => {
      const { member } = await this.access.readable(em, user, applicationId);
      const decision = await em.findOne(Decision, { where: { applicationId } });
      if (!decision) throw DomainError.notFound('The decision');
      const award = await em.findOne(Award, { where: { applicationId } });
      return viewOf(decision, award ? await this.views.view(em, award.id, !member) : null);
    });
  }
}

interface DecisionFacts {
  hasConflict: boolean | null;
  assessed: boolean;
  moderated: boolean;
  recommendationId: string;
  recommendationOutcome: string;
  recommendedPence: Pence;
  approvalLimitPence: Pence | null;
  fundYearId: string;
  maxAwardPence: Pence;
  acceptanceWindowDays: number;
  standardConditions: { timing: ConditionTiming; text: string }[];
}

/** Everything a decision checks, in one round trip: the decider's standing, the recommendation, the round. */
async function decisionFacts(
  em: EntityManager,
  applicationId: string,
  roundId: string,
  userId: string,
): Promise<DecisionFacts> {
  const [row] = await em.query(
    prepared(
      'awards.decision-facts',
      `SELECT
       (SELECT d.has_conflict FROM conflict_declarations d WHERE d.application_id = $1 AND d.user_id = $3) AS has_conflict,
       EXISTS (SELECT 1 FROM assessor_assignments s WHERE s.application_id = $1 AND s.assessor_id = $3) AS assessed,
       rec.recorded_by = $3 AS moderated, rec.id AS recommendation_id, rec.outcome AS recommendation_outcome,
       rec.amount_pence AS recommended_pence, u.approval_limit_pence,
       r.fund_year_id, r.max_award_pence, r.acceptance_window_days,
       COALESCE((SELECT json_agg(json_build_object('timing', k.timing, 'text', k.text) ORDER BY k.position)
                 FROM round_conditions k WHERE k.round_id = r.id), '[]'::json) AS standard_conditions
     FROM recommendations rec, rounds r, users u
     WHERE rec.application_id = $1 AND r.id = $2 AND u.id = $3`,
    ),
    [applicationId, roundId, userId],
  );
  // A recommended application always has its recommendation (one transaction makes both).
  if (!row)
    throw new Error(`invariant broken: recommended application ${applicationId} has no recommendation`);
  return {
    hasConflict: row.has_conflict,
    assessed: row.assessed,
    moderated: row.moderated,
    recommendationId: row.recommendation_id,
    recommendationOutcome: row.recommendation_outcome,
    recommendedPence: Number(row.recommended_pence),
    approvalLimitPence: row.approval_limit_pence === null ? null : Number(row.approval_limit_pence),
    fundYearId: row.fund_year_id,
    maxAwardPence: Number(row.max_award_pence),
    acceptanceWindowDays: row.acceptance_window_days,
    standardConditions: row.standard_conditions,
  };
}

/** Separation of duties: a declaration of no conflict first; never who assessed or moderated it. */
function assertMayDecide(f: DecisionFacts): void {
  if (f.hasConflict === null) {
    throw DomainError.forbidden(
      'Declare whether you have a conflict of interest in this application before you decide it',
    );
  }
  if (f.hasConflict) {
    throw DomainError.forbidden(
      'You declared a conflict of interest in this application, so you cannot decide it',
    );
  }
  if (f.assessed || f.moderated) {
    throw DomainError.forbidden(
      `You ${f.assessed ? 'were assigned to assess' : 'moderated'} this application, so someone else must decide it`,
    );
  }
}

/** The award's own limits: more than nothing, no more than asked or than the round's maximum, a future deadline. */
export function awardProblems(a: {
  amount: Pence;
  requested: Pence;
  maxAwardPence: Pence;
  deadline: string;
  today: string;
}): FieldError[] {
  const problems: FieldError[] = [];
  if (a.amount <= 0) problems.push({ field: 'amountPence', message: 'an award must be more than nothing' });
  if (a.amount > a.requested) {
    problems.push({
      field: 'amountPence',
      message: `must not exceed the ${formatPence(a.requested)} requested`,
    });
  }
  if (a.amount > a.maxAwardPence) {
    problems.push({
      field: 'amountPence',
      message: `must not exceed the round's maximum award of ${formatPence(a.maxAwardPence)}`,
    });
  }
  if (a.deadline < a.today)
    problems.push({ field: 'acceptanceDeadline', message: 'must not be in the past' });
  return problems;
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
