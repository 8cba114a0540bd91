import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { ApplicationAccess, ApplicationTransitions, assertNoConflict } from '@grants/applications';
import { Clock, DomainError, ErrorCode, FieldError, Pence, trimToNull } from '@grants/common';
import { inTransaction, isUniqueViolation } from '@grants/database';
import { RoundsService } from '@grants/rounds';
import { DataSource, EntityManager } from 'typeorm';
import { EligibilityService } from '@grants/eligibility';
import {
  CriterionScore,
  ModeratedScore,
  ObjectiveReason,
  recommendedAmount,
  RecommendationOutcome,
  scoreOutOfFive,
  scoreProblems,
  weightedPoints,
} from './assessment-rules';
import { AssessmentsService } from './assessments.service';
import { AssessorsService } from './assessors.service';
import { Recommendation } from './recommendation.entity';
import { eligibilityDrift } from './screening-rules';
import { Screening } from './screening.entity';

export interface RecommendationCommand {
  moderatedScores: CriterionScore[];
  outcome: RecommendationOutcome;
  amountPence?: Pence;
  summary: string;
  reasons: { objectiveId: string; reason: string }[];
}

export interface RecommendationView {
  id: string;
  applicationId: string;
  outcome: RecommendationOutcome;
  amountRequestedPence: Pence;
  amountPence: Pence;
  moderatedScore: number;
  weightedPoints: number;
  maxPoints: number;
  moderatedScores: ModeratedScore[];
  reasons: ObjectiveReason[];
  summary: string;
  recordedBy: string;
  recordedAt: Date;
  /** On reading (not on recording): the one-off rule's flag, for the decider. */
  oneOff?: OneOffFlag;
}

/**
 * The lead officer records the moderated result — a score per criterion, informed by the assessors' — and
 * the recommendation: fund in full, fund in part (with the amount) or refuse, with reasons tied to the
 * objectives the application serves. Every assessor without a conflict must have submitted first.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly assessors: AssessorsService,
    private readonly assessments: AssessmentsService,
    private readonly rounds: RoundsService,
    private readonly eligibility: EligibilityService,
    private readonly clock: Clock,
  ) {}

  async recommend(
    user: AuthUser,
    applicationId: string,
    cmd: RecommendationCommand,
  ): Promise<RecommendationView> {
    try {
      return await inTransaction(this.dataSource, async (em) => {
        const application = await this.access.forOfficer(em, user, applicationId);
        if (application.status !== 'in_assessment') {
          throw new DomainError(
            ErrorCode.InvalidTransition,
            `The application is ${application.status}; a recommendation is made while it is in_assessment`,
            { currentStatus: application.status, requestedStatus: 'recommended', allowedStatuses: [] },
          );
        }
        await assertNoConflict(em, applicationId, user.id, 'moderate it or recommend');
        const assignments = await this.assessors.views(em, applicationId);
        const pending = assignments.filter((a) => a.state === 'no_declaration' || a.state === 'scoring');
        const submitted = assignments.filter((a) => a.state === 'submitted');
        if (pending.length || submitted.length === 0) {
          throw DomainError.conflict(
            submitted.length === 0 && pending.length === 0
              ? 'No assessor has submitted an assessment of this application yet'
              : `Waiting for ${pending.map((a) => a.assessorName).join(', ')} to submit their assessment`,
            { pendingAssessorIds: pending.map((a) => a.assessorId), submittedAssessments: submitted.length },
          );
        }

        if (cmd.outcome !== 'refuse') await this.assertStillEligible(em, applicationId);
        const criteria = await this.assessments.criteriaOf(em, application);
        const scores = cmd.moderatedScores.map((s) => ({
          criterionId: s.criterionId.toLowerCase(),
          score: s.score,
          comment: trimToNull(s.comment) ?? null,
        }));
        const problems: FieldError[] = scoreProblems(criteria, scores, false, 'moderatedScores');
        for (const c of criteria) {
          const s = scores.find((x) => x.criterionId === c.id);
          if (s?.score === null || s?.score === undefined) {
            problems.push({ field: 'moderatedScores', message: `"${c.title}" needs a moderated score` });
          }
        }
        const round = (await this.rounds.findById(application.roundId, em))!;
        const requested = application.amountRequestedPence ?? 0;
        const amount = recommendedAmount(cmd.outcome, requested, cmd.amountPence, round);
        problems.push(...amount.problems);

        const objectives: { id: string; number: number; title: string }[] = await em.query(
          `SELECT o.id, o.number, o.title FROM application_objectives ao
           JOIN objectives o ON o.id = ao.objective_id WHERE ao.application_id = $1`,
          [applicationId],
        );
        const reasons: ObjectiveReason[] = [];
        cmd.reasons.forEach((r, i) => {
          const objective = objectives.find((o) => o.id === r.objectiveId.toLowerCase());
          if (!objective) {
            problems.push({
              field: `reasons[${i}].objectiveId`,
              message: 'is not one of the objectives the application serves',
            });
          } else if (reasons.some((x) => x.objectiveId === objective.id)) {
            problems.push({
              field: `reasons[${i}].objectiveId`,
              message: 'gives reasons for the same objective twice',
            });
          } else {
            reasons.push({
              objectiveId: objective.id,
              objectiveNumber: objective.number,
              objectiveTitle: objective.title,
              reason: r.reason.trim(),
            });
          }
        });
        if (problems.length)
          throw DomainError.rule('The recommendation cannot be recorded as it stands', problems);

        const moderated: ModeratedScore[] = criteria.map((c) => {
          const s = scores.find((x) => x.criterionId === c.id)!;
          return { criterionId: c.id, title: c.title, weight: c.weight, score: s.score!, comment: s.comment };
        });
        const { points, maxPoints } = weightedPoints(criteria, moderated);
        const recommendation = await em.save(
          em.create(Recommendation, {
            applicationId,
            outcome: cmd.outcome,
            amountPence: amount.amountPence,
            weightedPoints: points,
            maxPoints,
            moderatedScores: moderated,
            reasons,
            summary: cmd.summary.trim(),
            recordedBy: user.id,
            recordedAt: this.clock.now(),
          }),
        );
        await this.transitions.move(em, {
          application,
          to: 'recommended',
          actor: actorFrom(user, Role.Officer),
          action: 'application.recommended',
          data: {
            recommendationId: recommendation.id,
            outcome: cmd.outcome,
            amountPence: amount.amountPence,
            weightedPoints: points,
            maxPoints,
            assessorIds: submitted.map((a) => a.assessorId),
          },
        });
        return viewOf(recommendation, requested);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'recommendations_application_key')) {
        throw DomainError.conflict('The application already has a recommendation');
      }
      throw error;
    }
  }

  /** Funding needs the latest answers to be as eligible as the ones screened (a refusal never does). */
  private async assertStillEligible(em: EntityManager, applicationId: string): Promise<void> {
    const screening = await em.findOneOrFail(Screening, { where: { applicationId } });
    const latest = (await this.eligibility.latestFor(em, applicationId))!;
    if (latest.id === screening.eligibilityResultId) return;
    const drift = eligibilityDrift(screening.overrides, latest.results);
    if (drift.length) {
      throw DomainError.conflict(
        `The answers changed after screening and no longer pass: ${drift.map((r) => `${r.rule} (${r.reason})`).join('; ')}. ` +
          'Ask the applicant for information again, or recommend refusal',
        { driftedRules: drift.map((r) => r.rule), eligibilityResultId: latest.id },
      );
    }
  }

  async get(user: AuthUser, applicationId: string): Promise<RecommendationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId, false);
      await assertNoConflict(em, applicationId, user.id, 'see its recommendation');
      const recommendation = await em.findOne(Recommendation, { where: { applicationId } });
      if (!recommendation) throw DomainError.notFound('The recommendation');
      return {
        ...viewOf(recommendation, application.amountRequestedPence ?? 0),
        oneOff: await this.oneOff(em, applicationId),
      };
    });
  }

  /** What the one-off rule said at the latest submission, and the screening's word on it: for the decider. */
  private async oneOff(em: EntityManager, applicationId: string): Promise<OneOffFlag> {
    const latest = await this.eligibility.latestFor(em, applicationId);
    const rule = latest?.results.find((r) => r.rule === 'one_off');
    const screening = await em.findOne(Screening, { where: { applicationId } });
    const screened = screening?.overrides.find((r) => r.rule === 'one_off');
    return {
      outcome: rule?.outcome ?? 'pass',
      reason: rule?.reason ?? '',
      earlierAwards: (rule?.evidence.similarEarlierAwards as OneOffFlag['earlierAwards'] | undefined) ?? [],
      overriddenAtScreening: screened?.overridden ? screened.overrideReason : null,
    };
  }
}

/** The one-off flag the decision screen shows: an earlier award from the same fund for a similar activity. */
export interface OneOffFlag {
  outcome: string;
  reason: string;
  earlierAwards: { id: string; reference: string; title: string }[];
  /** The screening officer's reason, when they let it pass. */
  overriddenAtScreening: string | null;
}

function viewOf(r: Recommendation, requested: Pence): RecommendationView {
  return {
    id: r.id,
    applicationId: r.applicationId,
    outcome: r.outcome,
    amountRequestedPence: requested,
    amountPence: r.amountPence,
    moderatedScore: scoreOutOfFive(r.weightedPoints, r.maxPoints),
    weightedPoints: r.weightedPoints,
    maxPoints: r.maxPoints,
    moderatedScores: r.moderatedScores,
    reasons: r.reasons,
    summary: r.summary,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
  };
}
