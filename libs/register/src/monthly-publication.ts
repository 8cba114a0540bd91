import { Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { calendarDateIn, Clock, instantAt } from '@grants/common';
import { inTransaction } from '@grants/database';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_GOVERNMENT_LICENCE, PACKAGE_CLOSING, packageOpening } from './giving360';

export type MonthlyChange = 'added' | 'changed' | 'withdrawn';

/** The first day of the month after `month` (both YYYY-MM-01). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Each whole month from `first` up to, not including, `current` (both YYYY-MM-01). */
export function monthsBetween(first: string, current: string): string[] {
  const months: string[] = [];
  for (let m = first; m < current; m = nextMonth(m)) months.push(m);
  return months;
}

/** How a month's versions of one entry add up: new that month, changed, or withdrawn by its end. */
export function monthlyChange(changes: readonly ('published' | 'corrected' | 'withdrawn')[]): MonthlyChange {
  if (changes.includes('withdrawn')) return 'withdrawn';
  return changes.includes('published') ? 'added' : 'changed';
}

/**
 * The statutory monthly update. Run just after each month ends (and at any time after, to catch up), it
 * records every finished month not yet recorded: what was added, changed and withdrawn, and the month's
 * 360Giving file of the grants added or changed, as they stood at the month's end. Once recorded a month
 * is never rewritten.
 */
@Injectable()
export class MonthlyPublication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publishFinishedMonths(): Promise<string[]> {
    return inTransaction(this.dataSource, async (em) => {
      // One recorder at a time, so two replicas running the scheduler cannot both write a month.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('register.monthly-publication'))`);
      const [funder] = await em.query(
        `SELECT id, short_name, time_zone FROM funders ORDER BY created_at LIMIT 1`,
      );
      const zone: string = funder?.time_zone ?? 'Europe/London';
      const [first] = await em.query(`SELECT min(recorded_at) AS at FROM register_entry_versions`);
      if (!first?.at || !funder) return [];
      const firstMonth = `${calendarDateIn(new Date(first.at), zone).slice(0, 7)}-01`;
      const currentMonth = `${calendarDateIn(this.clock.now(), zone).slice(0, 7)}-01`;
      const done = new Set<string>(
        (await em.query(`SELECT month::text AS month FROM register_publications`)).map(
          (r: { month: string }) => r.month,
        ),
      );
      const recorded: string[] = [];
      for (const month of monthsBetween(firstMonth, currentMonth)) {
        if (done.has(month)) continue;
        await this.record(em, month, zone, funder);
        recorded.push(month);
      }
      return recorded;
    });
  }

  private async record(
    em: EntityManager,
    month: string,
    zone: string,
    funder: { id: string; short_name: string },
  ): Promise<void> {
    const from = instantAt(month, 0, 0, zone);
    const to = instantAt(nextMonth(month), 0, 0, zone);
    const rows: { entry_id: string; changes: string[]; grant_json: string | null; reason: string | null }[] =
      await em.query(
        `SELECT v.entry_id, array_agg(v.change ORDER BY v.version) AS changes,
                (array_agg(v.grant_json::text ORDER BY v.version DESC))[1] AS grant_json,
                (array_agg(v.reason ORDER BY v.version DESC))[1] AS reason
           FROM register_entry_versions v
          WHERE v.recorded_at >= $1 AND v.recorded_at < $2
          GROUP BY v.entry_id
          ORDER BY v.entry_id`,
        [from, to],
      );
    const changes = rows.map((r) => ({
      id: r.entry_id,
      change: monthlyChange(r.changes as ('published' | 'corrected' | 'withdrawn')[]),
      ...(r.reason ? { reason: r.reason } : {}),
    }));
    const grants = rows
      .filter((r, i) => changes[i]!.change !== 'withdrawn' && r.grant_json)
      .map((r) => r.grant_json);
    const count = (c: MonthlyChange): number => changes.filter((x) => x.change === c).length;
    const label = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${month}T00:00:00Z`));
    const pkg =
      packageOpening({
        title: `${funder.short_name}: grants added or changed in ${label}`,
        issued: this.clock.now().toISOString(),
        license: OPEN_GOVERNMENT_LICENCE,
      }) +
      grants.join(',') +
      PACKAGE_CLOSING;
    await em.query(
      `INSERT INTO register_publications (month, published_at, added, changed, withdrawn, changes, package)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        month,
        this.clock.now(),
        count('added'),
        count('changed'),
        count('withdrawn'),
        JSON.stringify(changes),
        pkg,
      ],
    );
    await em.query(`UPDATE register_state SET revision = revision + 1`);
    await this.audit.record(em, {
      actor: SYSTEM_ACTOR,
      subjectType: 'register',
      subjectId: funder.id,
      action: 'register.month-published',
      data: { month, added: count('added'), changed: count('changed'), withdrawn: count('withdrawn') },
    });
  }
}
