import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { calendarDateIn, Clock, DomainError, ErrorCode } from '@grants/common';
import { inTransaction } from '@grants/database';
import { EligibilityService } from '@grants/eligibility';
import { Organisation } from '@grants/organisations';
import { PlansService } from '@grants/plans';
import { ProfileService } from '@grants/profile';
import { roundPhase, RoundsService } from '@grants/rounds';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { roundOfApplication } from './application-round';
import { assertApplicationTransition } from './application-status';
import { ApplicationSubmission } from './application-submission.entity';
import { answersOf, ApplicationView, viewOf } from './application-view';
import { Application } from './application.entity';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';
import { FUNDER_TIME_ZONE, submissionErrors } from './submission-rules';

/** Submitting: every answer checked, the round open, and what was said kept as an immutable snapshot. */
@Injectable()
export class ApplicationSubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
    private readonly rounds: RoundsService,
    private readonly plans: PlansService,
    private readonly profile: ProfileService,
    private readonly eligibility: EligibilityService,
    private readonly clock: Clock,
  ) {}

  async submit(user: AuthUser, id: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, id);
      if (application.status === 'information_requested') {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          'The application is information_requested; answer the information request instead of submitting again',
          { currentStatus: application.status, allowedStatuses: ['withdrawn'] },
        );
      }
      assertApplicationTransition(application.status, 'submitted');
      const round = await roundOfApplication(this.rounds, em, application);
      const now = this.clock.now();
      const phase = roundPhase(round, now);
      if (phase !== 'open') {
        throw DomainError.rule(
          phase === 'closed'
            ? `The round closed for applications at ${round.closesAt.toISOString()}`
            : `The round is not open for applications (it is ${phase})`,
          [],
          { roundPhase: phase, closesAt: round.closesAt.toISOString() },
        );
      }
      const answers = await answersOf(em, application);
      const measures = await this.plans.measuresByIds(
        answers.successMeasures.map((m) => m.measureId),
        em,
      );
      const areas = await this.profile.areasByCodes(answers.beneficiaryAreas, em);
      const errors = submissionErrors(answers, {
        today: calendarDateIn(now, FUNDER_TIME_ZONE),
        round: {
          minAwardPence: round.minAwardPence,
          maxAwardPence: round.maxAwardPence,
          maxProjectMonths: round.maxProjectMonths,
          objectiveIds: round.objectiveIds,
        },
        measureObjectives: new Map(measures.map((m) => [m.id, m.objectiveId])),
        knownAreaCodes: new Set(areas.map((a) => a.code)),
      });
      if (errors.length) {
        throw DomainError.rule(
          `The application is not ready to submit: ${errors.length} answer${errors.length === 1 ? '' : 's'} to complete or correct`,
          errors,
        );
      }
      const organisation = await em.findOneOrFail(Organisation, {
        where: { id: application.organisationId },
      });
      // The snapshot carries the round and organisation as they were, so later edits to either never
      // change what the applicant is recorded as having submitted.
      const submission = await em.save(
        em.create(ApplicationSubmission, {
          applicationId: id,
          version: 1 + (await em.count(ApplicationSubmission, { where: { applicationId: id } })),
          planVersionId: application.planVersionId,
          submittedAt: now,
          submittedBy: user.id,
          answers: {
            reference: application.reference,
            round: { id: round.id, title: round.title, planVersionId: round.planVersionId },
            organisation: {
              id: organisation.id,
              name: organisation.name,
              legalForm: organisation.legalForm,
              charityNumber: organisation.charityNumber,
              companyNumber: organisation.companyNumber,
              addressLine1: organisation.addressLine1,
              addressLine2: organisation.addressLine2,
              town: organisation.town,
              postcode: organisation.postcode,
              localAuthorityCode: organisation.localAuthorityCode,
            },
            ...answers,
          },
        }),
      );
      // The rules run again on exactly what was submitted and their verdict is kept beside it. A failed rule
      // does not stop the submission: screening decides, with this snapshot as its starting point.
      const report = await this.eligibility.check(em, {
        applicationId: id,
        organisationId: application.organisationId,
        round,
        answers,
      });
      const eligibility = await this.eligibility.record(em, {
        applicationId: id,
        submissionId: submission.id,
        submissionVersion: submission.version,
        planVersionId: application.planVersionId,
        checkedAt: now,
        report,
      });
      await em.update(Application, { id }, { status: 'submitted', submittedAt: now, submittedBy: user.id });
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: APPLICATION_AUDIT_SUBJECT,
        subjectId: id,
        action: 'application.submitted',
        fromStatus: application.status,
        toStatus: 'submitted',
        data: {
          submissionId: submission.id,
          version: submission.version,
          eligibilityResultId: eligibility.id,
          eligibilityOutcome: report.outcome,
        },
      });
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }
}
