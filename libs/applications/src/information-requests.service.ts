import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { Clock, DomainError, ErrorCode, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { RoundsService } from '@grants/rounds';
import { NotificationJob, Outbox } from '@grants/jobs';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { roundOfApplication } from './application-round';
import { informationReturnStatus, InformationReturnStatus } from './application-status';
import { ApplicationTransitions } from './application-transitions';
import { Application } from './application.entity';
import { assertNotConflicted } from './conflicts';
import { answersOf, ApplicationView, viewOf } from './application-view';
import { InformationRequest, InformationRequestStatus } from './information-request.entity';
import { answerOfField, answersToRecheck, RequestableAnswer } from './requestable-answers';
import { SubmissionRecorder } from './submission-recorder';

export interface InformationRequestView {
  id: string;
  applicationId: string;
  status: InformationRequestStatus;
  answers: RequestableAnswer[];
  message: string;
  returnStatus: InformationReturnStatus;
  requestedAt: Date;
  /** Officers only: applicants see what was asked, not which officer asked. */
  requestedBy?: string;
  response: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
  closedAt: Date | null;
}

export interface NewInformationRequest {
  answers: RequestableAnswer[];
  message: string;
}

/**
 * An officer asks for more information on named answers; the application waits in information_requested
 * while the applicant changes only those answers, and returns to where it was once they respond.
 */
@Injectable()
export class InformationRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly transitions: ApplicationTransitions,
    private readonly rounds: RoundsService,
    private readonly recorder: SubmissionRecorder,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async request(user: AuthUser, id: string, input: NewInformationRequest): Promise<InformationRequestView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, id);
      await assertNotConflicted(em, id, user.id, 'ask the applicant for information');
      const returnStatus = informationReturnStatus(application.status);
      const now = this.clock.now();
      const request = await em.save(
        em.create(InformationRequest, {
          applicationId: id,
          status: 'open',
          answers: [...new Set(input.answers)],
          message: input.message.trim(),
          returnStatus,
          requestedBy: user.id,
          requestedAt: now,
          response: null,
          respondedBy: null,
          respondedAt: null,
          closedAt: null,
        }),
      );
      await this.transitions.move(em, {
        application,
        to: 'information_requested',
        actor: actorFrom(user, Role.Officer),
        action: 'application.information_requested',
        reason: request.message,
        data: { informationRequestId: request.id, answers: request.answers, returnStatus },
      });
      await this.outbox.add(em, {
        name: NotificationJob.InformationRequested,
        payload: { applicationId: id, requestId: request.id },
        key: [request.id],
      });
      return viewOfRequest(request, true);
    });
  }

  /**
   * The applicant's answer: the reopened answers are checked as a submission would check them, a new
   * submission version and eligibility snapshot are recorded, and the application goes back.
   */
  async respond(user: AuthUser, id: string, requestId: string, response: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, id);
      const request = await em.findOne(InformationRequest, {
        where: { id: requestId, applicationId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw DomainError.notFound('The information request');
      if (request.status !== 'open' || application.status !== 'information_requested') {
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `The information request is ${request.status}; only an open request can be answered`,
          { currentStatus: request.status, allowedStatuses: [] },
        );
      }
      const round = await roundOfApplication(this.rounds, em, application);
      const now = this.clock.now();
      // The reopened answers, and those checked with them, are held to the submission rules as they stood
      // when the application was submitted: a start date accepted then is not refused now for having passed.
      const recheck = answersToRecheck(request.answers);
      const answers = await answersOf(em, application);
      const problems = (
        await this.recorder.problems(em, round, answers, application.submittedAt ?? now)
      ).filter((p) => recheck.has(answerOfField(p.field)));
      if (problems.length) {
        throw DomainError.rule(
          `The reopened answers are not ready: ${problems.length} to complete or correct`,
          problems,
        );
      }
      const text = trimToNull(response) ?? '';
      const { submission, eligibility, report } = await this.recorder.record(
        em,
        application,
        round,
        user.id,
        now,
      );
      await em.update(
        InformationRequest,
        { id: requestId },
        { status: 'answered', response: text, respondedBy: user.id, respondedAt: now, closedAt: now },
      );
      await this.transitions.move(em, {
        application,
        to: request.returnStatus,
        actor: actorFrom(user),
        action: 'application.information_provided',
        reason: text,
        data: {
          informationRequestId: requestId,
          submissionId: submission.id,
          version: submission.version,
          eligibilityResultId: eligibility.id,
          eligibilityOutcome: report.outcome,
        },
      });
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }

  async list(user: AuthUser, id: string): Promise<InformationRequestView[]> {
    return inTransaction(this.dataSource, async (em) => {
      const { member } = await this.access.readable(em, user, id);
      const rows = await em.find(InformationRequest, {
        where: { applicationId: id },
        order: { requestedAt: 'ASC', id: 'ASC' },
      });
      return rows.map((r) => viewOfRequest(r, !member));
    });
  }
}

function viewOfRequest(r: InformationRequest, officer: boolean): InformationRequestView {
  return {
    id: r.id,
    applicationId: r.applicationId,
    status: r.status,
    answers: r.answers,
    message: r.message,
    returnStatus: r.returnStatus,
    requestedAt: r.requestedAt,
    ...(officer ? { requestedBy: r.requestedBy } : {}),
    response: r.response,
    respondedAt: r.respondedAt,
    respondedBy: r.respondedBy,
    closedAt: r.closedAt,
  };
}
