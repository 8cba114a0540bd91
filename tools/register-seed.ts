import {
  RegisterEntry,
  buildRegisterEntry,
  PublicationFacts,
  registerRowParams,
  toGiving360Grant,
  UPSERT_ENTRY_SQL,
} from '@grants/register';
import { DataSource } from 'typeorm';
import { fixtureContext } from '../libs/register/src/register-fixtures';

/**
 * Fills the register (the public read model) from fixture facts, storing exactly what the publication
 * job stores, for the tests and benchmarks of the register's readers. The way there (decision,
 * acceptance, the job) has its own end-to-end test.
 */
export async function fillRegister(
  ds: DataSource,
  facts: PublicationFacts[],
  at: Date = new Date('2026-11-01T09:00:00Z'),
): Promise<RegisterEntry[]> {
  const entries: RegisterEntry[] = [];
  await ds.transaction(async (em) => {
    for (const f of facts) {
      const entry: RegisterEntry = {
        ...buildRegisterEntry(f),
        status: 'published',
        version: 1,
        firstPublishedAt: at.toISOString(),
        dateModified: at.toISOString(),
        withdrawnAt: null,
        withdrawalReason: null,
      };
      const grantJson = JSON.stringify(toGiving360Grant(entry, fixtureContext(entry.id)));
      await em.query(UPSERT_ENTRY_SQL, registerRowParams(f.award.id, entry, grantJson));
      await em.query(
        `INSERT INTO register_entry_versions (entry_id, version, change, entry, grant_json, recorded_at)
         VALUES ($1, 1, 'published', $2, $3, $4)`,
        [entry.id, JSON.stringify(entry), grantJson, at],
      );
      entries.push(entry);
    }
    await em.query(`UPDATE register_state SET revision = revision + 1`);
  });
  return entries;
}

/** Published decisions to match: one award decision per entry, and `refusals` refusals beside them. */
export async function fillDecisions(
  ds: DataSource,
  entries: RegisterEntry[],
  refusals: number,
): Promise<void> {
  await ds.query(
    `INSERT INTO register_decisions (decision_id, outcome, decided_at, decided_on, decision_maker_role,
       amount_requested_pence, amount_awarded_pence, reasons, round_id, round_title, fund_year, grant_id, published_at)
     SELECT gen_random_uuid(), 'award', d::timestamptz + time '10:00', d, 'approver', req, amt, reasons, rid, rtitle, fy,
            gid, now()
       FROM unnest($1::date[], $2::bigint[], $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[])
         AS t(d, req, amt, reasons, rid, rtitle, fy, gid)`,
    [
      entries.map((e) => e.awardDate),
      entries.map((e) => e.amountAppliedForPence),
      entries.map((e) => e.amountAwardedPence),
      entries.map((e) => e.reasons.decision),
      entries.map((e) => e.round.id),
      entries.map((e) => e.round.title),
      entries.map((e) => e.fundYear),
      entries.map((e) => e.id),
    ],
  );
  const first = entries[0];
  if (!first || refusals === 0) return;
  await ds.query(
    `INSERT INTO register_decisions (decision_id, outcome, decided_at, decided_on, decision_maker_role,
       amount_requested_pence, reasons, round_id, round_title, fund_year, published_at)
     SELECT gen_random_uuid(), 'refuse', $1::date + time '11:00', $1::date, 'approver', 500000 + g * 1000,
            'The project does not show how it would reduce crime or disorder in the area.', $2, $3, $4, now()
       FROM generate_series(1, $5) AS g`,
    [first.awardDate, first.round.id, first.round.title, first.fundYear, refusals],
  );
}
