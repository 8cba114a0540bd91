import { Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { ApplicationAccess, ConflictDeclaration, declarationOf } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, DomainError, trimToNull } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource } from 'typeorm';
import { ASSESSMENT_AUDIT_SUBJECT } from './audit-subject';

export interface ConflictDeclarationView {
  id: string;
  applicationId: string;
  userId: string;
  hasConflict: boolean;
  details: string | null;
  declaredAt: Date;
}

/**
 * Officers declare, per application, whether they have a conflict of interest. "No conflict" may later
 * become "conflict" when something comes to light; a declared conflict is final (a trigger holds it), and
 * removes the officer from scoring, moderating and deciding that application.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async declare(
    user: AuthUser,
    applicationId: string,
    input: { hasConflict: boolean; details?: string },
  ): Promise<ConflictDeclarationView> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.forOfficer(em, user, applicationId);
      const details = trimToNull(input.details) ?? null;
      if (input.hasConflict && details === null) {
        throw DomainError.invalid([
          { field: 'details', message: 'say what the conflict is (a relationship, a role, an interest)' },
        ]);
      }
      const existing = await declarationOf(em, applicationId, user.id);
      if (existing && (existing.hasConflict || !input.hasConflict)) {
        throw DomainError.conflict(
          existing.hasConflict
            ? 'You have already declared a conflict of interest in this application; it cannot be withdrawn'
            : 'You have already declared no conflict of interest; you can only change it to a conflict',
          { hasConflict: existing.hasConflict, declaredAt: existing.declaredAt.toISOString() },
        );
      }
      const now = this.clock.now();
      if (existing) {
        await em.update(
          ConflictDeclaration,
          { id: existing.id },
          { hasConflict: true, details, declaredAt: now },
        );
      } else {
        await em.insert(ConflictDeclaration, {
          applicationId,
          userId: user.id,
          hasConflict: input.hasConflict,
          details,
          declaredAt: now,
        });
      }
      const saved = (await declarationOf(em, applicationId, user.id))!;
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: ASSESSMENT_AUDIT_SUBJECT,
        subjectId: applicationId,
        action: input.hasConflict ? 'conflict.declared' : 'conflict.none_declared',
        reason: details,
        data: { declarationId: saved.id, hasConflict: saved.hasConflict, changedFromNoConflict: !!existing },
      });
      return viewOf(saved);
    });
  }

  async list(user: AuthUser, applicationId: string): Promise<ConflictDeclarationView[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.forOfficer(em, user, applicationId, false);
      const rows = await em.find(ConflictDeclaration, {
        where: { applicationId },
        order: { declaredAt: 'ASC', id: 'ASC' },
      });
      return rows.map(viewOf);
    });
  }
}

function viewOf(d: ConflictDeclaration): ConflictDeclarationView {
  return {
    id: d.id,
    applicationId: d.applicationId,
    userId: d.userId,
    hasConflict: d.hasConflict,
    details: d.details,
    declaredAt: d.declaredAt,
  };
}
