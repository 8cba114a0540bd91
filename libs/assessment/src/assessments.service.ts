import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { Application, ApplicationAccess, assertNoConflict } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { RoundCriterion, RoundsService } from '@grants/rounds';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessmentScore } from './assessment-score.entity';
import { CriterionScore, scoreOutOfFive, scoreProblems, weightedPoints } from './assessment-rules';
import { assertAssessable, AssessorsService, AssignmentView } from './assessors.service';
import { AssessorAssignment } from './assessor-assignment.entity';
import { ASSESSMENT_AUDIT_SUBJECT } from './audit-subject';

export interface CriterionView {
  id: string;
  position: number;
  title: string;
  guidance: string;
  weight: number;
}

export interface AssessmentView extends AssignmentView {
  /** Null while hidden from the caller (another assessor's, before the caller has submitted their own). */
  scores: CriterionScore[] | null;
  /** The weighted score on the 0–5 scale, once submitted and visible. */
  weightedScore: number | null;
}

/** A score as sent: an absent score or comment leaves the saved one as it is; null clears it. */
export interface ScoreInput {
  criterionId: string;
  score?: number | null;
  comment?: string | null;
}

export interface AssessmentsOverview {
  criteria: CriterionView[];
  assessments: AssessmentView[];
  /** Each criterion's mean submitted score, for moderation; null until visible to the caller. */
  meanScores: { criterionId: string; mean: number | null }[] | null;
}

/**
 * Scoring: each assigned assessor scores every criterion 0–5 with a comment, saves as often as they like,
 * and submits. Nobody sees scores before declaring no conflict of interest, and an assessor does not see
 * the others' scores until they have submitted their own.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly assessors: AssessorsService,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async saveMine(
    user: AuthUser,
    applicationId: string,
    input: { scores: ScoreInput[]; submit: boolean },
  ): Promise<AssessmentView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId);
      assertAssessable(application);
      const assignment = await em.findOne(AssessorAssignment, {
        where: { applicationId, assessorId: user.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw DomainError.forbidden('You are not assigned to assess this application');
      await assertNoConflict(em, applicationId, user.id, 'score it');
      if (assignment.submittedAt) {
        throw DomainError.conflict('You have submitted your assessment; it can no longer change', {
          submittedAt: assignment.submittedAt.toISOString(),
        });
      }
      const criteria = await this.criteriaOf(em, application);
      // A criterion sent without a score or a comment keeps what it had: saving is partial, field by field.
      const saved = (await this.scoresOf(em, [assignment.id])).get(assignment.id) ?? [];
      const scores = input.scores.map((s) => {
        const criterionId = s.criterionId.toLowerCase();
        const before = saved.find((x) => x.criterionId === criterionId);
        return {
          criterionId,
          score: s.score === undefined ? (before?.score ?? null) : s.score,
          comment: s.comment === undefined ? (before?.comment ?? null) : (trimToNull(s.comment) ?? null),
        };
      });
      const shapeProblems = scoreProblems(criteria, scores, false);
      if (shapeProblems.length) throw DomainError.invalid(shapeProblems, 'The scores are not valid');
      const now = this.clock.now();
      for (const s of scores) {
        await em.upsert(AssessmentScore, { assignmentId: assignment.id, ...s, updatedAt: now }, [
          'assignmentId',
          'criterionId',
        ]);
      }
      if (input.submit) {
        const saved = await this.scoresOf(em, [assignment.id]);
        const problems = scoreProblems(criteria, saved.get(assignment.id) ?? [], true);
        if (problems.length) throw DomainError.rule('The assessment is not complete', problems);
        await em.update(AssessorAssignment, { id: assignment.id }, { submittedAt: now });
      }
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: ASSESSMENT_AUDIT_SUBJECT,
        subjectId: applicationId,
        action: input.submit ? 'assessment.submitted' : 'assessment.saved',
        data: { assignmentId: assignment.id, criteria: scores.map((s) => s.criterionId) },
      });
      const overview = await this.overviewFor(em, application, user);
      return overview.assessments.find((a) => a.assessorId === user.id)!;
    });
  }

  async overview(user: AuthUser, applicationId: string): Promise<AssessmentsOverview> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId, false);
      await assertNoConflict(em, applicationId, user.id, 'see its scores');
      const overview = await this.overviewFor(em, application, user);
      const seenOthers = overview.assessments.some((a) => a.assessorId !== user.id && a.scores !== null);
      const assigned = overview.assessments.some((a) => a.assessorId === user.id);
      // Reading others' scores is recorded: whoever has read them can no longer be assigned to assess.
      if (seenOthers && !assigned) {
        await this.audit.record(em, {
          actor: actorFrom(user, Role.Officer),
          subjectType: ASSESSMENT_AUDIT_SUBJECT,
          subjectId: applicationId,
          action: 'assessment.scores_viewed',
        });
      }
      return overview;
    });
  }

  async criteriaOf(em: EntityManager, application: Application): Promise<RoundCriterion[]> {
    return this.rounds.criteriaOf(application.roundId, em);
  }

  /** Submitted scores by assignment, for moderation. */
  async scoresOf(em: EntityManager, assignmentIds: string[]): Promise<Map<string, CriterionScore[]>> {
    const rows = assignmentIds.length
      ? await em.find(AssessmentScore, { where: { assignmentId: In(assignmentIds) } })
      : [];
    const out = new Map<string, CriterionScore[]>();
    for (const r of rows) {
      const list = out.get(r.assignmentId) ?? [];
      list.push({ criterionId: r.criterionId, score: r.score, comment: r.comment });
      out.set(r.assignmentId, list);
    }
    return out;
  }

  private async overviewFor(
    em: EntityManager,
    application: Application,
    user: AuthUser,
  ): Promise<AssessmentsOverview> {
    const criteria = await this.criteriaOf(em, application);
    const assignments = await this.assessors.views(em, application.id);
    const scores = await this.scoresOf(
      em,
      assignments.map((a) => a.id),
    );
    const mine = assignments.find((a) => a.assessorId === user.id);
    // An assessor sees the others' once they have submitted their own; anyone else once every assessor
    // without a conflict has submitted, so nobody reads scores and then joins in to score.
    const complete = assignments.every((a) => a.state === 'submitted' || a.state === 'conflict');
    const seesOthers = mine ? mine.state === 'submitted' : complete;
    const order = (list: CriterionScore[]): CriterionScore[] =>
      criteria
        .map((c) => list.find((s) => s.criterionId === c.id))
        .filter((s): s is CriterionScore => s !== undefined);
    const assessments = assignments.map((a): AssessmentView => {
      const visible = a.assessorId === user.id || (seesOthers && a.state === 'submitted');
      const own = order(scores.get(a.id) ?? []);
      const { points, maxPoints } = weightedPoints(criteria, own);
      return {
        ...a,
        scores: visible ? own : null,
        weightedScore: visible && a.state === 'submitted' ? scoreOutOfFive(points, maxPoints) : null,
      };
    });
    const submitted = assignments.filter((a) => a.state === 'submitted');
    const meanScores = seesOthers
      ? criteria.map((c) => {
          const values = submitted
            .map((a) => scores.get(a.id)?.find((s) => s.criterionId === c.id)?.score)
            .filter((v): v is number => typeof v === 'number');
          return {
            criterionId: c.id,
            mean: values.length
              ? Math.round((values.reduce((x, y) => x + y, 0) / values.length) * 100) / 100
              : null,
          };
        })
      : null;
    return {
      criteria: criteria.map((c) => ({
        id: c.id,
        position: c.position,
        title: c.title,
        guidance: c.guidance,
        weight: c.weight,
      })),
      assessments,
      meanScores,
    };
  }
}
