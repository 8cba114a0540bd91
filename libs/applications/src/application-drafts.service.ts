import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { calendarDateIn, Clock, DomainError, ErrorCode, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { OrganisationAccess } from '@grants/organisations';
import { roundPhase, RoundsService } from '@grants/rounds';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { roundOfApplication } from './application-round';
import { EDITABLE_STATUSES } from './application-status';
import { ApplicationView, viewOf } from './application-view';
import { CreateApplicationDto, UpdateApplicationDto } from './application.dto';
import { Application } from './application.entity';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';
import { sentFields, writeDraftAnswers } from './draft-answers';
import { openInformationRequest } from './open-information-request';
import { unrequestedFields } from './requestable-answers';
import { DraftReferences } from './draft-references';
import { FUNDER_TIME_ZONE } from './submission-rules';

/** Reference numbers read CSF-<year created>-<sequence>: short enough to say on the phone. */
export const REFERENCE_PREFIX = 'CSF';

/** Starting a draft and saving its answers while the round is open. */
@Injectable()
export class ApplicationDraftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationAccess,
    private readonly access: ApplicationAccess,
    private readonly references: DraftReferences,
    private readonly audit: AuditService,
    private readonly rounds: RoundsService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, input: CreateApplicationDto): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      await this.organisations.assertMember(em, user, input.organisationId);
      const round = await this.rounds.findById(input.roundId, em);
      const now = this.clock.now();
      const phase = round ? roundPhase(round, now) : 'draft';
      if (!round || phase === 'draft') throw DomainError.notFound('The round');
      if (phase !== 'open') {
        throw DomainError.rule(
          phase === 'upcoming'
            ? `The round opens for applications at ${round.opensAt.toISOString()}`
            : `The round closed for applications at ${round.closesAt.toISOString()}`,
          [{ field: 'roundId', message: `the round is ${phase}, not open` }],
          { roundPhase: phase },
        );
      }
      const [{ n }]: { n: string }[] = await em.query(`SELECT nextval('application_reference_seq') AS n`);
      const year = calendarDateIn(now, FUNDER_TIME_ZONE).slice(0, 4);
      const reference = `${REFERENCE_PREFIX}-${year}-${n.padStart(6, '0')}`;
      const application = await em.save(
        em.create(Application, {
          reference,
          organisationId: input.organisationId,
          roundId: round.id,
          planVersionId: round.planVersionId,
          status: 'draft',
          statusBeforeInformationRequest: null,
          title: trimToNull(input.title) ?? null,
          activities: [],
          createdBy: user.id,
        }),
      );
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: APPLICATION_AUDIT_SUBJECT,
        subjectId: application.id,
        action: 'application.created',
        toStatus: 'draft',
        data: { reference, organisationId: input.organisationId, roundId: round.id },
      });
      return viewOf(em, application);
    });
  }

  /**
   * Saves answers while the round is open and the application is a draft, or, whatever the round, while an
   * information request is open: then only the answers it reopened may change.
   */
  async update(user: AuthUser, id: string, input: UpdateApplicationDto): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.actable(em, user, id);
      const round = await roundOfApplication(this.rounds, em, application);
      if (application.status === 'information_requested') {
        const request = await openInformationRequest(em, id);
        const refused = unrequestedFields(sentFields(input), request?.answers ?? []);
        if (refused.length) {
          throw new DomainError(
            ErrorCode.Conflict,
            'The application is waiting for information; only the answers the request reopened can change',
            { currentStatus: application.status, reopenedAnswers: request?.answers ?? [] },
            refused,
          );
        }
      } else if (!EDITABLE_STATUSES.includes(application.status)) {
        throw DomainError.conflict(
          `The application is ${application.status}; its answers can no longer be changed`,
          { currentStatus: application.status, editableStatuses: EDITABLE_STATUSES },
        );
      } else {
        const phase = roundPhase(round, this.clock.now());
        if (phase !== 'open') {
          throw DomainError.conflict(
            `The round closed at ${round.closesAt.toISOString()}; the draft can be read but no longer changed`,
            { currentStatus: application.status, roundPhase: phase },
          );
        }
      }
      await this.references.check(em, round, input);
      const fields = await writeDraftAnswers(em, application, input);
      if (fields.length === 0) return viewOf(em, application);
      await this.audit.record(em, {
        actor: actorFrom(user),
        subjectType: APPLICATION_AUDIT_SUBJECT,
        subjectId: id,
        action: application.status === 'draft' ? 'application.draft_saved' : 'application.answers_changed',
        data: { fields },
      });
      return viewOf(em, await em.findOneOrFail(Application, { where: { id } }));
    });
  }
}
