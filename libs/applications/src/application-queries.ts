import { Injectable } from '@nestjs/common';
import { AuthUser, isOfficer } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { decodeCursor, DEFAULT_PAGE_SIZE, DomainError, Page, pageOf, Pence } from '@grants/common';
import { applyKeyset, inTransaction } from '@grants/database';
import { Organisation } from '@grants/organisations';
import { DataSource } from 'typeorm';
import { ApplicationAccess } from './application-access';
import { ApplicationStatus } from './application-status';
import { ApplicationSubmission } from './application-submission.entity';
import { ApplicationView, viewOf } from './application-view';
import { Application } from './application.entity';
import { APPLICATION_AUDIT_SUBJECT } from './audit-subject';
import { hasDeclaredConflict } from './conflicts';
import { namedToApplicant, reasonShownToApplicant, visibleToApplicant } from './timeline-visibility';

export interface ApplicationSummary {
  id: string;
  reference: string;
  organisationId: string;
  organisationName: string;
  roundId: string;
  status: ApplicationStatus;
  title: string | null;
  amountRequestedPence: Pence | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

export interface TimelineEntry {
  at: Date;
  action: string;
  actor: { userId: string | null; displayName: string | null; role: string };
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  /** The audit entry's details: for officers only; applicants get who, when, what and why. */
  data?: Record<string, unknown>;
}

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  roundId?: string;
  organisationId?: string;
  limit?: number;
  cursor?: string;
}

/** Reading applications: lists, one application, its timeline and its submitted record. */
@Injectable()
export class ApplicationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ApplicationAccess,
    private readonly audit: AuditService,
  ) {}

  /**
   * Applicants see their organisations' applications. Officers see everything that has been submitted;
   * drafts (and drafts withdrawn unsubmitted) are the applicant's private work, so officers never see them;
   * asking for status=draft is a 400 rather than an empty list that would look like "no drafts exist".
   */
  async list(user: AuthUser, query: ApplicationListQuery): Promise<Page<ApplicationSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const officer = isOfficer(user);
    if (officer && query.status === 'draft') {
      throw DomainError.invalid(
        [
          {
            field: 'status',
            message: "drafts are the applicant's private work; officers see them once submitted",
          },
        ],
        'Officers cannot list draft applications',
      );
    }
    return inTransaction(this.dataSource, async (em) => {
      const qb = em
        .createQueryBuilder(Application, 'a')
        .innerJoin(Organisation, 'o', 'o.id = a.organisation_id')
        .select('a')
        .addSelect('o.name', 'organisation_name');
      if (officer) {
        // Never submitted (a draft, or a draft withdrawn) means never shown to the funder.
        qb.andWhere('a.submitted_at IS NOT NULL');
      } else {
        qb.innerJoin(
          'organisation_members',
          'm',
          'm.organisation_id = a.organisation_id AND m.user_id = :me',
          {
            me: user.id,
          },
        );
      }
      if (query.organisationId) qb.andWhere('a.organisation_id = :org', { org: query.organisationId });
      if (query.status) qb.andWhere('a.status = :status', { status: query.status });
      if (query.roundId) qb.andWhere('a.round_id = :round', { round: query.roundId });
      applyKeyset(qb, 'a', 'DESC', after);
      const { entities, raw } = await qb.limit(limit + 1).getRawAndEntities<{ organisation_name: string }>();
      const names = new Map(entities.map((e, i) => [e.id, raw[i]?.organisation_name ?? '']));
      const page = pageOf(entities, limit);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((a) => ({
          id: a.id,
          reference: a.reference,
          organisationId: a.organisationId,
          organisationName: names.get(a.id) ?? '',
          roundId: a.roundId,
          status: a.status,
          title: a.title,
          amountRequestedPence: a.amountRequestedPence,
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
          submittedAt: a.submittedAt,
        })),
      };
    });
  }

  async get(user: AuthUser, id: string): Promise<ApplicationView> {
    return inTransaction(this.dataSource, async (em) => {
      const { application } = await this.access.readable(em, user, id);
      return viewOf(em, application);
    });
  }

  /**
   * The application's trail, oldest first. `alongside` adds the trails of what grew from it (its award),
   * woven in by time under the same rules: the caller has already checked the reader may see those.
   */
  async timeline(
    user: AuthUser,
    id: string,
    alongside: readonly { type: string; id: string }[] = [],
  ): Promise<{ items: TimelineEntry[] }> {
    return inTransaction(this.dataSource, async (em) => {
      const { member } = await this.access.readable(em, user, id);
      // An officer with a declared conflict reads the trail as an outsider would: no internal steps, no details.
      const restricted = member || (await hasDeclaredConflict(em, id, user.id));
      const trails = await Promise.all(
        [{ type: APPLICATION_AUDIT_SUBJECT, id }, ...alongside].map((s) =>
          this.audit.forSubject(em, s.type, s.id),
        ),
      );
      const entries = trails
        .flat()
        .filter((e) => !restricted || visibleToApplicant(e.action))
        .sort(
          (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || Number(BigInt(a.seq) - BigInt(b.seq)),
        );
      const userIds = [...new Set(entries.map((e) => e.actorUserId).filter((x): x is string => x !== null))];
      const names = new Map<string, string>();
      if (userIds.length) {
        const rows: { id: string; display_name: string }[] = await em.query(
          `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
          [userIds],
        );
        for (const r of rows) names.set(r.id, r.display_name);
      }
      return {
        items: entries.map((e) => {
          const named = !member || namedToApplicant(e.actorRole);
          return {
            at: e.occurredAt,
            action: e.action,
            actor: {
              userId: named ? e.actorUserId : null,
              displayName: named && e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
              role: e.actorRole,
            },
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            reason: restricted && !reasonShownToApplicant(e.action) ? null : e.reason,
            ...(restricted ? {} : { data: e.data }),
          };
        }),
      };
    });
  }

  /** The submitted record (for officers and the applicant): what was said, as it was said. */
  async submissions(user: AuthUser, id: string): Promise<ApplicationSubmission[]> {
    return inTransaction(this.dataSource, async (em) => {
      await this.access.readable(em, user, id);
      return em.find(ApplicationSubmission, { where: { applicationId: id }, order: { version: 'ASC' } });
    });
  }
}
