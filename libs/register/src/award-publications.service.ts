import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { AuditService } from '@grants/audit';
import { Clock, DomainError } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { inTransaction } from '@grants/database';
import { Outbox, RegisterJob } from '@grants/jobs';
import { DataSource, EntityManager } from 'typeorm';
import { toGiving360Grant } from './giving360';
import { grantIdentifier } from './grant-identifiers';
import { csvRow } from './grants-csv';
import { PublicationFactsReader } from './publication-facts';
import { buildRegisterEntry } from './register-entry-builder';
import { RegisterEntry, RegisterEntryContent, RegisterTombstone } from './register-entry';
import { desiredEntry } from './register-publisher';

export interface PublicationPreview {
  awardId: string;
  registerId: string;
  /** What the register says now. */
  current: {
    status: 'not-published' | 'published' | 'withdrawn';
    entry: RegisterEntry | RegisterTombstone | null;
  };
  /** What the publication job would do if it ran now, and why. */
  next: { action: 'publish' | 'withdraw' | 'none'; reason: string | null };
  /** The approved text, or null; `suggested` is the application's own wording, for the officer to edit. */
  approvedText: { title: string; description: string; approvedAt: string } | null;
  suggested: { title: string; description: string };
  /** Exactly what would be published: the entry, its 360Giving grant and its CSV row. */
  entry: RegisterEntryContent | null;
  giving360: Record<string, unknown> | null;
  csvRow: string | null;
}

const AWARD_SUBJECT = 'award';

/**
 * The officer's side of publication: approve the free text the public will read, preview exactly what
 * will be published, and withdraw a wrongly published entry with a public reason. The register itself is
 * written only by the publication job, which these queue.
 */
@Injectable()
export class AwardPublicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: PublicationFactsReader,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(awardId: string): Promise<PublicationPreview> {
    return inTransaction(this.dataSource, async (em) => {
      const [text] = await em.query(
        `SELECT p.title, p.description, p.approved_at, ap.title AS suggested_title, ap.summary AS suggested_description
           FROM awards a JOIN applications ap ON ap.id = a.application_id
           LEFT JOIN award_publications p ON p.award_id = a.id WHERE a.id = $1`,
        [awardId],
      );
      if (!text) throw DomainError.notFound('Award');
      const suggested = { title: text.suggested_title ?? '', description: text.suggested_description ?? '' };
      const state = (await this.facts.read(em, awardId, suggested))!;
      const registerId = grantIdentifier(state.funder.publisherPrefix, awardId);
      const [current] = await em.query(`SELECT status, entry FROM register_entries WHERE id = $1`, [
        registerId,
      ]);
      const desired = desiredEntry(state);
      const now = this.clock.now().toISOString();
      const content = state.facts && desired.kind !== 'withdraw' ? buildRegisterEntry(state.facts) : null;
      const grant = content
        ? toGiving360Grant(
            { ...content, dateModified: now },
            {
              funder: state.funder,
              forceArea: state.forceArea,
              grantUrl: `${this.config.http.publicBaseUrl}/register/grants/${encodeURIComponent(registerId)}`,
            },
          )
        : null;
      const alreadyWithdrawn = current?.status === 'withdrawn';
      return {
        awardId,
        registerId,
        current: { status: current?.status ?? 'not-published', entry: current?.entry ?? null },
        next: alreadyWithdrawn
          ? { action: 'none', reason: 'the entry is withdrawn, and a withdrawal is final' }
          : desired.kind === 'publish'
            ? { action: 'publish', reason: null }
            : desired.kind === 'withdraw'
              ? current
                ? { action: 'withdraw', reason: desired.reason }
                : { action: 'none', reason: 'not on the register' }
              : { action: 'none', reason: desired.why },
        approvedText: text?.title
          ? {
              title: text.title,
              description: text.description,
              approvedAt: new Date(text.approved_at).toISOString(),
            }
          : null,
        suggested,
        entry: content,
        giving360: grant,
        csvRow: grant ? csvRow(grant) : null,
      };
    });
  }

  /** Approves (or re-approves) the title and description; a published entry is corrected to match. */
  async approveText(
    user: AuthUser,
    awardId: string,
    input: { title: string; description: string },
  ): Promise<PublicationPreview> {
    await inTransaction(this.dataSource, async (em) => {
      const status = await this.awardStatus(em, awardId);
      if (!['offered', 'accepted', 'completed'].includes(status)) {
        throw DomainError.conflict(`The award is ${status}; its publication can no longer be approved`, {
          currentStatus: status,
          allowedStatuses: ['offered', 'accepted', 'completed'],
        });
      }
      const now = this.clock.now();
      await em.query(
        `INSERT INTO award_publications (award_id, title, description, approved_by, approved_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (award_id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
           approved_by = EXCLUDED.approved_by, approved_at = EXCLUDED.approved_at`,
        [awardId, input.title.trim(), input.description.trim(), user.id, now],
      );
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: AWARD_SUBJECT,
        subjectId: awardId,
        action: 'award.publication-approved',
        data: { title: input.title.trim() },
      });
      await this.outbox.add(em, {
        name: RegisterJob.PublishGrant,
        payload: { awardId },
        key: [awardId, 'approved', randomUUID()],
      });
    });
    return this.preview(awardId);
  }

  /** Withdraws a published entry with a public reason (say, it was published in error). Final. */
  async withdraw(user: AuthUser, awardId: string, reason: string): Promise<PublicationPreview> {
    await inTransaction(this.dataSource, async (em) => {
      await this.awardStatus(em, awardId);
      const [entry] = await em.query(`SELECT status FROM register_entries WHERE award_id = $1`, [awardId]);
      const [publication] = await em.query(
        `SELECT withdrawn_at FROM award_publications WHERE award_id = $1 FOR UPDATE`,
        [awardId],
      );
      if (entry?.status !== 'published' || !publication || publication.withdrawn_at) {
        throw DomainError.conflict('Only an entry on the register can be withdrawn', {
          currentStatus: entry?.status ?? (publication?.withdrawn_at ? 'withdrawn' : 'not-published'),
          allowedStatuses: ['published'],
        });
      }
      const now = this.clock.now();
      await em.query(
        `UPDATE award_publications SET withdrawal_reason = $2, withdrawn_by = $3, withdrawn_at = $4 WHERE award_id = $1`,
        [awardId, reason.trim(), user.id, now],
      );
      await this.audit.record(em, {
        actor: actorFrom(user, Role.Officer),
        subjectType: AWARD_SUBJECT,
        subjectId: awardId,
        action: 'award.publication-withdrawn',
        reason: reason.trim(),
      });
      await this.outbox.add(em, {
        name: RegisterJob.PublishGrant,
        payload: { awardId },
        key: [awardId, 'withdrawn'],
      });
    });
    return this.preview(awardId);
  }

  private async awardStatus(em: EntityManager, awardId: string): Promise<string> {
    const [award] = await em.query(`SELECT status FROM awards WHERE id = $1 FOR UPDATE`, [awardId]);
    if (!award) throw DomainError.notFound('Award');
    return award.status;
  }
}
