import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@grants/audit';
import { EntityManager } from 'typeorm';
import {
  assertApplicationTransition,
  ApplicationStatus,
  informationReturnStatus,
} from './application-status';
import { Application } from './application.entity';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';

export interface ApplicationMove {
  /** The application as locked by the caller's transaction. */
  application: Application;
  to: ApplicationStatus;
  actor: Actor;
  /** The audit action, e.g. application.screened. */
  action: string;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** Other columns that change with the status. */
  patch?: Partial<Application>;
}

/**
 * The one way an application changes status after submission: the move is checked against the status
 * machine, written, and audited in the caller's transaction, so the timeline can never disagree with it.
 */
@Injectable()
export class ApplicationTransitions {
  constructor(private readonly audit: AuditService) {}

  async move(em: EntityManager, move: ApplicationMove): Promise<void> {
    const { application, to } = move;
    assertApplicationTransition(application.status, to, application.statusBeforeInformationRequest);
    const statusBeforeInformationRequest =
      to === 'information_requested' ? informationReturnStatus(application.status) : null;
    const audit = {
      actor: move.actor,
      subjectType: APPLICATION_AUDIT_SUBJECT,
      subjectId: application.id,
      action: move.action,
      fromStatus: application.status,
      toStatus: to,
      reason: move.reason ?? null,
      data: move.data,
    };
    if (move.patch) {
      // Columns that change with the status go in the same UPDATE: CHECKs tie them to it.
      await em.update(
        Application,
        { id: application.id },
        { ...move.patch, status: to, statusBeforeInformationRequest },
      );
      await this.audit.record(em, audit);
      return;
    }
    await this.audit.recordAlong(
      em,
      {
        writes: [
          `UPDATE applications SET status = $2, status_before_information_request = $3, updated_at = now() WHERE id = $1`,
        ],
        params: [application.id, to, statusBeforeInformationRequest],
      },
      audit,
    );
  }
}
