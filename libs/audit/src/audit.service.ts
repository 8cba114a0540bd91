import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { prepared } from '@grants/database';
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
    await this.recordAlong(em, null, record);
  }

  /**
   * Writes the entry in the same statement as other writes (`along.writes`, data-modifying statements whose
   * placeholders are $1…$n in `along.params`): one round trip instead of several on the busiest paths, and
   * they can only succeed or fail together.
   */
  async recordAlong(
    em: EntityManager,
    along: { writes: string[]; params: unknown[] } | null,
    record: AuditRecord,
  ): Promise<void> {
    const params = [
      record.actor.userId,
      record.actor.role,
      record.subjectType,
      record.subjectId,
      record.action,
      record.fromStatus ?? null,
      record.toStatus ?? null,
      record.reason ?? null,
      JSON.stringify(record.data ?? {}),
      requestContext.correlationId() ?? null,
    ];
    const offset = along?.params.length ?? 0;
    const placeholders = params.map((_, i) => `$${offset + i + 1}`);
    placeholders[8] = `${placeholders[8]}::jsonb`;
    // Plain SQL rather than the entity's insert, prepared once per shape: every state change writes here.
    const text = `${along?.writes.length ? `WITH ${along.writes.map((w, i) => `w${i} AS (${w})`).join(', ')} ` : ''}INSERT INTO audit_log (actor_user_id, actor_role, subject_type,
         subject_id, action, from_status, to_status, reason, data, correlation_id)
       VALUES (${placeholders.join(', ')})`;
    await em.query(prepared(`audit.${createHash('sha1').update(text).digest('hex')}`, text), [
      ...(along?.params ?? []),
      ...params,
    ]);
  }

  /** Entries about one subject, oldest first (a timeline). */
  async forSubject(em: EntityManager, subjectType: string, subjectId: string): Promise<AuditEntry[]> {
    return em.find(AuditEntry, {
      where: { subjectType, subjectId },
      order: { occurredAt: 'ASC', seq: 'ASC' },
    });
  }
}
