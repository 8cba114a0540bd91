import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { Clock, DomainError, ErrorCode, FieldError } from '@grants/common';
import { inTransaction } from '@grants/database';
import { roundPhase, RoundsService } from '@grants/rounds';
import { NotificationJob, Outbox } from '@grants/jobs';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { roundOfApplication } from './application-round';
import { assertApplicationTransition } from './application-status';
import { ApplicationTransitions } from './application-transitions';
import { Application } from './application.entity';
import { answersOf, ApplicationView, viewOf } from './application-view';
import { SubmissionRecorder } from './submission-recorder';

/** Submitting: every answer checked, the round open, and what was said kept as an immutable snapshot. */
@Injectable()
export class ApplicationSubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly rounds: RoundsService,
    private readonly recorder: SubmissionRecorder,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** What stands between the answers and submitting, as submit would judge them now; changes nothing. */
  async problems(user: AuthUser, id: string): Promise<FieldError[]> {
    return inTransaction(this.dataSource, async (em) => {
      const { application } = await this.access.readable(em, user, id);
      const round = await roundOfApplication(this.rounds, em, application);
      return this.recorder.problems(em, round, await answersOf(em, application), this.clock.now());
    });
  }

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
      const errors = await this.recorder.problems(em, round, await answersOf(em, application), now);
      if (errors.length) {
        throw DomainError.rule(
          `The application is not ready to submit: ${errors.length} answer${errors.length === 1 ? '' : 's'} to complete or correct`,
          errors,
        );
      }
      const { submission, eligibility, report } = await this.recorder.record(
        em,
        application,
        round,
        user.id,
        now,
      );
      await this.transitions.move(em, {
        application,
        to: 'submitted',
        actor: actorFrom(user),
        action: 'application.submitted',
        patch: { submittedAt: now, submittedBy: user.id },
        data: {
          submissionId: submission.id,
          version: submission.version,
          eligibilityResultId: eligibility.id,
          eligibilityOutcome: report.outcome,
        },
      });
      await this.outbox.add(em, {
        name: NotificationJob.ApplicationSubmitted,
        payload: { applicationId: id, version: submission.version },
        key: [id, submission.version],
      });
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }
}
