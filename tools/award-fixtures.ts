import { randomUUID } from 'node:crypto';
import { AuthUser, Role } from '@grants/accounts';
import { Round } from '@grants/rounds';
import { DataSource } from 'typeorm';

/**
 * Recommended applications written straight into the tables, for the tests and benchmarks that need hundreds
 * of them ready for a decision: the way there (submission, screening, scoring) has its own end-to-end tests,
 * and going through it hundreds of times would only slow these down. Each approver has declared no conflict
 * on each one.
 */
export async function recommendedApplications(
  ds: DataSource,
  input: {
    round: Round;
    organisationId: string;
    createdBy: string;
    recordedBy: string;
    approverIds: string[];
    amountsPence: number[];
  },
): Promise<string[]> {
  const ids = input.amountsPence.map(() => randomUUID());
  await ds.query(
    `INSERT INTO applications (id, reference, organisation_id, round_id, plan_version_id, status, title,
       amount_requested_pence, end_date, created_by, submitted_at, submitted_by)
     SELECT id, 'FIX-2026-' || lpad(nextval('application_reference_seq')::text, 6, '0'), $2, $3, $4,
       'recommended', 'Fixture application',
       amount, DATE '2027-03-31', $5, now(), $5
     FROM unnest($1::uuid[], $6::bigint[]) AS t(id, amount)`,
    [
      ids,
      input.organisationId,
      input.round.id,
      input.round.planVersionId,
      input.createdBy,
      input.amountsPence,
    ],
  );
  await ds.query(
    `INSERT INTO recommendations (application_id, outcome, amount_pence, weighted_points, max_points,
       moderated_scores, reasons, summary, recorded_by, recorded_at)
     SELECT id, 'fund_in_full', amount, 400, 500, '[]', '[]', 'Fixture', $3, now()
     FROM unnest($1::uuid[], $2::bigint[]) AS t(id, amount)`,
    [ids, input.amountsPence, input.recordedBy],
  );
  await ds.query(
    `INSERT INTO conflict_declarations (application_id, user_id, has_conflict, declared_at)
     SELECT a, u, false, now() FROM unnest($1::uuid[]) a CROSS JOIN unnest($2::uuid[]) u`,
    [ids, input.approverIds],
  );
  return ids;
}

/** An approver as the session guard would hand it to a service. */
export function approverUser(id: string): AuthUser {
  return {
    id,
    email: `${id}@example.org`,
    displayName: 'Approver',
    roles: [Role.Approver],
    sessionId: randomUUID(),
  };
}
