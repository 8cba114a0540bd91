import { Injectable } from '@nestjs/common';
import { calendarDateIn, FieldError } from '@grants/common';
import { EligibilityReport, EligibilityResult, EligibilityService } from '@grants/eligibility';
import { Organisation } from '@grants/organisations';
import { PlansService } from '@grants/plans';
import { ProfileService } from '@grants/profile';
import { Round } from '@grants/rounds';
import { EntityManager } from 'typeorm';
import { ApplicationAnswers } from './application-answers';
import { ApplicationSubmission } from './application-submission.entity';
import { answersOf } from './application-view';
import { Application } from './application.entity';
import { FUNDER_TIME_ZONE, submissionErrors } from './submission-rules';

export interface RecordedSubmission {
  submission: ApplicationSubmission;
  eligibility: EligibilityResult;
  report: EligibilityReport;
}

/**
 * What submitting means, shared by the first submission and every answered information request: the
 * answers checked for completeness, an immutable snapshot of them, and the eligibility rules run again on
 * exactly that snapshot with their verdict kept beside it.
 */
@Injectable()
export class SubmissionRecorder {
  constructor(
    private readonly plans: PlansService,
    private readonly profile: ProfileService,
    private readonly eligibility: EligibilityService,
  ) {}

  /** Every answer that is missing or wrong for a submission (empty when it is complete). */
  async problems(
    em: EntityManager,
    round: Round,
    answers: ApplicationAnswers,
    now: Date,
  ): Promise<FieldError[]> {
    const measures = await this.plans.measuresByIds(
      answers.successMeasures.map((m) => m.measureId),
      em,
    );
    const areas = await this.profile.areasByCodes(answers.beneficiaryAreas, em);
    return submissionErrors(answers, {
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
  }

  async record(
    em: EntityManager,
    application: Application,
    round: Round,
    submittedBy: string,
    now: Date,
  ): Promise<RecordedSubmission> {
    const answers = await answersOf(em, application);
    const organisation = await em.findOneOrFail(Organisation, {
      where: { id: application.organisationId },
    });
    // The snapshot carries the round and organisation as they were, so later edits to either never
    // change what the applicant is recorded as having submitted.
    const submission = await em.save(
      em.create(ApplicationSubmission, {
        applicationId: application.id,
        version: 1 + (await em.count(ApplicationSubmission, { where: { applicationId: application.id } })),
        planVersionId: application.planVersionId,
        submittedAt: now,
        submittedBy,
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
    // A failed rule does not stop the submission: screening decides, with this snapshot as its starting point.
    const report = await this.eligibility.check(em, {
      applicationId: application.id,
      organisationId: application.organisationId,
      round,
      answers,
    });
    const eligibility = await this.eligibility.record(em, {
      applicationId: application.id,
      submissionId: submission.id,
      submissionVersion: submission.version,
      planVersionId: application.planVersionId,
      checkedAt: now,
      report,
    });
    return { submission, eligibility, report };
  }
}
