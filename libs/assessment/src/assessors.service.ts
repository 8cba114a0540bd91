import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role, User } from '@grants/accounts';
import {
  Application,
  ApplicationAccess,
  assertNotConflicted,
  ConflictDeclaration,
} from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, ErrorCode, FieldError } from '@grants/common';
import { inTransaction } from '@grants/database';
import { NotificationJob, Outbox } from '@grants/jobs';
import { DataSource, EntityManager, In } from 'typeorm';
import { AssessmentScore } from './assessment-score.entity';
import { AssessorAssignment } from './assessor-assignment.entity';
import { ASSESSMENT_AUDIT_SUBJECT } from './audit-subject';

/** While assessors may be assigned and may score: after screening, including while information is awaited. */
export function assertAssessable(application: Application): void {
  const inAssessment =
    application.status === 'in_assessment' ||
    (application.status === 'information_requested' &&
      application.statusBeforeInformationRequest === 'in_assessment');
  if (!inAssessment) {
    throw new DomainError(
      ErrorCode.InvalidTransition,
      `The application is ${application.status}; assessment happens while it is in_assessment`,
      { currentStatus: application.status, allowedStatuses: ['in_assessment'] },
    );
  }
}

export interface AssignmentView {
  id: string;
  assessorId: string;
  assessorName: string;
  assignedAt: Date;
  assignedBy: string;
  /** no_declaration: has not said yet; conflict: removed from scoring; otherwise scoring or submitted. */
  state: 'no_declaration' | 'conflict' | 'scoring' | 'submitted';
  submittedAt: Date | null;
}

/** An officer assigns assessors: active officers with no declared conflict in the application. */
@Injectable()
export class AssessorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async assign(user: AuthUser, applicationId: string, assessorIds: string[]): Promise<AssignmentView[]> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId);
      assertAssessable(application);
      await assertNotConflicted(em, applicationId, user.id, 'assign its assessors');
      const ids = assessorIds.map((id) => id.toLowerCase());
      const users = await em.find(User, { where: { id: In(ids) } });
      const conflicted = await em.find(ConflictDeclaration, {
        where: { applicationId, userId: In(ids), hasConflict: true },
      });
      const existing = await em.find(AssessorAssignment, { where: { applicationId, assessorId: In(ids) } });
      const viewers: { actor_user_id: string }[] = await em.query(
        `SELECT DISTINCT actor_user_id FROM audit_log
         WHERE subject_type = $1 AND subject_id = $2 AND action = 'assessment.scores_viewed' AND actor_user_id = ANY($3::uuid[])`,
        [ASSESSMENT_AUDIT_SUBJECT, applicationId, ids],
      );
      const problems: FieldError[] = [];
      ids.forEach((id, i) => {
        const u = users.find((x) => x.id === id);
        const field = `assessorIds[${i}]`;
        if (!u || u.disabledAt !== null || !u.roles.includes(Role.Officer)) {
          problems.push({ field, message: 'is not an active officer' });
        } else if (conflicted.some((c) => c.userId === id)) {
          problems.push({
            field,
            message: `${u.displayName} has declared a conflict of interest in this application`,
          });
        } else if (existing.some((a) => a.assessorId === id)) {
          problems.push({ field, message: `${u.displayName} is already assigned` });
        } else if (viewers.some((v) => v.actor_user_id === id)) {
          problems.push({
            field,
            message: `${u.displayName} has already seen the other assessors' scores, so cannot assess independently`,
          });
        }
      });
      if (problems.length) throw DomainError.rule('These assessors cannot be assigned', problems);
      const now = this.clock.now();
      for (const assessorId of ids) {
        await em.insert(AssessorAssignment, {
          applicationId,
          assessorId,
          assignedBy: user.id,
          assignedAt: now,
          submittedAt: null,
        });
        await this.outbox.add(em, {
          name: NotificationJob.AssessorAssigned,
          payload: { applicationId, assessorUserId: assessorId },
          key: [applicationId, assessorId, now.getTime()],
        });
      }
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: ASSESSMENT_AUDIT_SUBJECT,
        subjectId: applicationId,
        action: 'assessment.assessors_assigned',
        data: { assessorIds: ids },
      });
      return this.views(em, applicationId);
    });
  }

  /** Takes an assessor off an application before they submit (their unsubmitted scores go with them). */
  async unassign(user: AuthUser, applicationId: string, assessorId: string): Promise<AssignmentView[]> {
    return inTransaction(this.dataSource, async (em) => {
      const application = await this.access.forOfficer(em, user, applicationId);
      assertAssessable(application);
      await assertNotConflicted(em, applicationId, user.id, 'change its assessors');
      const assignment = await em.findOne(AssessorAssignment, { where: { applicationId, assessorId } });
      if (!assignment) throw DomainError.notFound('The assignment');
      if (assignment.submittedAt) {
        throw DomainError.conflict('The assessor has submitted; a submitted assessment stays on the record', {
          submittedAt: assignment.submittedAt.toISOString(),
        });
      }
      await em.delete(AssessmentScore, { assignmentId: assignment.id });
      await em.delete(AssessorAssignment, { id: assignment.id });
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: ASSESSMENT_AUDIT_SUBJECT,
        subjectId: applicationId,
        action: 'assessment.assessor_unassigned',
        data: { assessorId },
      });
      return this.views(em, applicationId);
    });
  }

  async list(user: AuthUser, applicationId: string): Promise<AssignmentView[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.forOfficer(em, user, applicationId, false);
      return this.views(em, applicationId);
    });
  }

  async views(em: EntityManager, applicationId: string): Promise<AssignmentView[]> {
    const rows: {
      id: string;
      assessor_id: string;
      display_name: string;
      assigned_at: Date;
      assigned_by: string;
      submitted_at: Date | null;
      has_conflict: boolean | null;
    }[] = await em.query(
      `SELECT a.id, a.assessor_id, u.display_name, a.assigned_at, a.assigned_by, a.submitted_at, d.has_conflict
       FROM assessor_assignments a
       JOIN users u ON u.id = a.assessor_id
       LEFT JOIN conflict_declarations d ON d.application_id = a.application_id AND d.user_id = a.assessor_id
       WHERE a.application_id = $1
       ORDER BY a.assigned_at, u.display_name, a.id`,
      [applicationId],
    );
    return rows.map((r) => ({
      id: r.id,
      assessorId: r.assessor_id,
      assessorName: r.display_name,
      assignedAt: r.assigned_at,
      assignedBy: r.assigned_by,
      state:
        r.has_conflict === null
          ? 'no_declaration'
          : r.has_conflict
            ? 'conflict'
            : r.submitted_at
              ? 'submitted'
              : 'scoring',
      submittedAt: r.submitted_at,
    }));
  }
}
