import { Injectable } from '@nestjs/common';
import { requestContext } from '@grants/common';
import { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface Actor {
  userId: string | null;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };

export interface AuditRecord {
  actor: Actor;
  subjectType: string;
  subjectId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  /** Always called with the use case's transaction, so the entry commits or rolls back with the change. */
  async record(em: EntityManager, record: AuditRecord): Promise<void> {
    await em.insert(AuditEntry, {
      actorUserId: record.actor.userId,
      actorRole: record.actor.role,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      action: record.action,
      fromStatus: record.fromStatus ?? null,
      toStatus: record.toStatus ?? null,
      reason: record.reason ?? null,
      data: (record.data ?? {}) as AuditEntry['data'] & object,
      correlationId: requestContext.correlationId() ?? null,
    });
  }

  /** Entries about one subject, oldest first (a timeline). */
  async forSubject(em: EntityManager, subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    return em.find(AuditEntry, {
      where: { subjectType, subjectId },
      order: { occurredAt: 'ASC', seq: 'ASC' },
    });
  }
}
