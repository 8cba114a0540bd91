import { Inject, Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { Clock } from '@grants/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { inTransaction } from '@grants/database';
import { DataSource, EntityManager } from 'typeorm';
import { toGiving360Grant } from './giving360';
import { csvRow } from './grants-csv';
import { PublicationFactsReader, PublicationState } from './publication-facts';
import { buildRegisterEntry } from './register-entry-builder';
import { RegisterEntry, RegisterEntryContent } from './register-entry';
import { grantIdentifier } from './grant-identifiers';
import { PublishedOutcomes } from './published-outcomes';

export type PublishOutcome = 'published' | 'corrected' | 'withdrawn' | 'unchanged' | 'not-publishable';

/** The register's view of an award: published, withdrawn (with the public reason) or not on it. */
export type Desired =
  | { kind: 'publish'; content: RegisterEntryContent }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'none'; why: string };

const PUBLISHABLE: Record<string, readonly string[]> = {
  acceptance: ['accepted', 'completed'],
  decision: ['offered', 'accepted', 'completed'],
};

function londonDate(d: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'long' }).format(d);
}

/** What the register should say about the award now. Pure, so the preview shows exactly what the job does. */
export function desiredEntry(state: PublicationState): Desired {
  const zone = state.funder.timeZone;
  if (state.withdrawal) return { kind: 'withdraw', reason: state.withdrawal.reason };
  if (state.awardStatus === 'revoked' && state.revokedAt) {
    return {
      kind: 'withdraw',
      reason: `The Commissioner revoked this grant on ${londonDate(state.revokedAt, zone)} because its conditions were not met.`,
    };
  }
  // Published at decision, then never taken up: the grant did not happen.
  if (state.awardStatus === 'declined' && state.declinedAt) {
    return {
      kind: 'withdraw',
      reason: `The recipient declined the offer on ${londonDate(state.declinedAt, zone)}.`,
    };
  }
  if (state.awardStatus === 'lapsed' && state.lapsedAt) {
    return {
      kind: 'withdraw',
      reason: `The offer lapsed unaccepted on ${londonDate(state.lapsedAt, zone)}.`,
    };
  }
  if (!PUBLISHABLE[state.funder.publishOn]!.includes(state.awardStatus)) {
    return {
      kind: 'none',
      why:
        state.funder.publishOn === 'acceptance'
          ? `published once the offer is accepted (the award is ${state.awardStatus})`
          : `the award is ${state.awardStatus}`,
    };
  }
  if (!state.approved || !state.facts) {
    return { kind: 'none', why: 'an officer has not yet approved the title and description' };
  }
  return { kind: 'publish', content: buildRegisterEntry(state.facts) };
}

const META_KEYS = new Set([
  'status',
  'version',
  'firstPublishedAt',
  'dateModified',
  'withdrawnAt',
  'withdrawalReason',
]);

/** The entry without its bookkeeping, in its original key order, to compare with a freshly built one. */
export function contentOf(entry: RegisterEntry): RegisterEntryContent {
  return Object.fromEntries(
    Object.entries(entry).filter(([k]) => !META_KEYS.has(k)),
  ) as unknown as RegisterEntryContent;
}

/**
 * The register_entries row for a published entry, as UPSERT_ENTRY_SQL's parameters. Shared with the
 * fixtures that fill a register for tests and benchmarks, so they store exactly what publishing stores.
 */
export function registerRowParams(awardId: string, entry: RegisterEntry, grantJson: string): unknown[] {
  const areaCodes = [...new Set([entry.recipient.area.code, ...entry.beneficiaryAreas.map((a) => a.code)])];
  return [
    entry.id,
    awardId,
    entry.version,
    JSON.stringify(entry),
    grantJson,
    csvRow(JSON.parse(grantJson) as Record<string, unknown>),
    entry.fund.key,
    entry.fundYear,
    entry.round.id,
    areaCodes,
    entry.objectives.map((o) => o.number),
    entry.aims.map((a) => a.code),
    entry.recipient.identifier,
    entry.recipient.name,
    entry.amountAwardedPence,
    entry.awardDate,
    [entry.title, entry.description, entry.recipient.name].join(' '),
    entry.firstPublishedAt,
    entry.dateModified,
  ];
}

export const UPSERT_ENTRY_SQL = `
  INSERT INTO register_entries (id, award_id, status, version, entry, grant_json, csv_row, fund_key, fund_year,
    round_id, area_codes, objective_numbers, aim_codes, recipient_id, recipient_name, amount_awarded_pence,
    award_date, search, first_published_at, date_modified)
  VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
    to_tsvector('english', $17), $18, $19)
  ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, entry = EXCLUDED.entry,
    grant_json = EXCLUDED.grant_json, csv_row = EXCLUDED.csv_row, fund_key = EXCLUDED.fund_key,
    fund_year = EXCLUDED.fund_year, round_id = EXCLUDED.round_id, area_codes = EXCLUDED.area_codes,
    objective_numbers = EXCLUDED.objective_numbers, aim_codes = EXCLUDED.aim_codes,
    recipient_id = EXCLUDED.recipient_id, recipient_name = EXCLUDED.recipient_name,
    amount_awarded_pence = EXCLUDED.amount_awarded_pence, award_date = EXCLUDED.award_date,
    search = EXCLUDED.search, date_modified = EXCLUDED.date_modified`;

interface ExistingRow {
  id: string;
  status: 'published' | 'withdrawn';
  version: number;
  entry: RegisterEntry;
  first_published_at: Date;
}

/**
 * Writes the register, the public read model. Each run makes the entry match `desiredEntry`, so running
 * it again (a retry, a replayed job, the catch-up) changes nothing. A withdrawal is final: the identifier
 * stays, as a tombstone with the reason, and no content is shown any more.
 */
@Injectable()
export class RegisterPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: PublicationFactsReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outcomes: PublishedOutcomes,
  ) {}

  grantUrl(id: string): string {
    return `${this.config.http.publicBaseUrl}/register/grants/${encodeURIComponent(id)}`;
  }

  async publishGrant(awardId: string): Promise<PublishOutcome> {
    return inTransaction(this.dataSource, async (em) => {
      const state = await this.facts.read(em, awardId);
      if (!state) return 'not-publishable';
      const id = grantIdentifier(state.funder.publisherPrefix, awardId);
      const [existing]: ExistingRow[] = await em.query(
        `SELECT id, status, version, entry, first_published_at FROM register_entries WHERE id = $1`,
        [id],
      );
      const desired = desiredEntry(state);
      if (existing?.status === 'withdrawn') return 'unchanged';
      if (desired.kind === 'none') return 'not-publishable';
      if (desired.kind === 'withdraw') {
        if (!existing) return 'not-publishable';
        await this.withdraw(em, existing, awardId, desired.reason);
        await this.outcomes.rebuild(em, awardId);
        return 'withdrawn';
      }
      if (existing && JSON.stringify(contentOf(existing.entry)) === JSON.stringify(desired.content)) {
        return 'unchanged';
      }
      await this.write(em, state, desired.content, existing ?? null, awardId);
      // Reports accepted before the grant reached the register show with it from the start.
      await this.outcomes.rebuild(em, awardId);
      return existing ? 'corrected' : 'published';
    });
  }

  private async write(
    em: EntityManager,
    state: PublicationState,
    content: RegisterEntryContent,
    existing: ExistingRow | null,
    awardId: string,
  ): Promise<void> {
    const now = this.clock.now();
    const version = (existing?.version ?? 0) + 1;
    const entry: RegisterEntry = {
      ...content,
      status: 'published',
      version,
      firstPublishedAt: (existing ? new Date(existing.first_published_at) : now).toISOString(),
      dateModified: now.toISOString(),
      withdrawnAt: null,
      withdrawalReason: null,
    };
    const grantJson = JSON.stringify(
      toGiving360Grant(entry, {
        funder: state.funder,
        forceArea: state.forceArea,
        grantUrl: this.grantUrl(entry.id),
      }),
    );
    await em.query(UPSERT_ENTRY_SQL, registerRowParams(awardId, entry, grantJson));
    await this.recordVersion(
      em,
      entry.id,
      version,
      existing ? 'corrected' : 'published',
      entry,
      grantJson,
      null,
    );
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      subjectType: 'award',
      subjectId: awardId,
      action: existing ? 'register.corrected' : 'register.published',
      data: { registerId: entry.id, version },
    });
  }

  private async withdraw(
    em: EntityManager,
    existing: ExistingRow,
    awardId: string,
    reason: string,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const version = existing.version + 1;
    // The tombstone keeps the identifier, dates and reason, and drops everything else: a withdrawal may be
    // the correction of something that should never have been public.
    const tombstone = {
      id: existing.id,
      status: 'withdrawn',
      version,
      firstPublishedAt: new Date(existing.first_published_at).toISOString(),
      dateModified: now,
      withdrawnAt: now,
      withdrawalReason: reason,
    };
    await em.query(
      `UPDATE register_entries SET status = 'withdrawn', version = $2, entry = $3, grant_json = NULL, csv_row = NULL,
              area_codes = '{}', objective_numbers = '{}', aim_codes = '{}', recipient_name = '',
              search = ''::tsvector, date_modified = $4, withdrawn_at = $4, withdrawal_reason = $5
        WHERE id = $1`,
      [existing.id, version, JSON.stringify(tombstone), now, reason],
    );
    await this.recordVersion(em, existing.id, version, 'withdrawn', tombstone, null, reason);
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      subjectType: 'award',
      subjectId: awardId,
      action: 'register.withdrawn',
      reason,
      data: { registerId: existing.id, version },
    });
  }

  private async recordVersion(
    em: EntityManager,
    id: string,
    version: number,
    change: 'published' | 'corrected' | 'withdrawn',
    entry: object,
    grantJson: string | null,
    reason: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO register_entry_versions (entry_id, version, change, entry, grant_json, reason, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, version, change, JSON.stringify(entry), grantJson, reason, this.clock.now()],
    );
    await em.query(`UPDATE register_state SET revision = revision + 1`);
  }
}
