import { MigrationInterface, QueryRunner } from 'typeorm';

/** The standard conditions as they stood when this migration was written (a migration never changes later). */
const STANDARD_CONDITIONS_AT_MIGRATION = [
  { text: 'Spend the grant only on the activities described in the application.', timing: 'ongoing' },
  { text: 'Report on progress and outcomes by the monitoring dates set in the offer.', timing: 'ongoing' },
  { text: 'Return any money not spent on those activities by the end of the project.', timing: 'ongoing' },
  { text: "Acknowledge the Police and Crime Commissioner's funding in publicity.", timing: 'ongoing' },
  {
    text: 'Keep a safeguarding policy in force throughout the project where it involves children or adults at risk.',
    timing: 'ongoing',
  },
  {
    text: 'Provide bank details in the organisation’s name before the first payment.',
    timing: 'before_payment',
  },
];

/**
 * Decisions, awards, their conditions, and the fund year's ledger.
 * - A decision is immutable, one per application: what the register and the published decisions show.
 * - An award is one per application. Its paid and returned totals, and its fund year's committed, released,
 *   paid and returned totals, are kept by a trigger on the append-only ledger, and CHECK constraints hold the
 *   invariants: commitments − releases ≤ cap + tolerance; payments ≤ the award; returns ≤ payments. So the
 *   cap is enforced by the database whatever the application code does; the service locks the fund-year row
 *   first only to answer with a helpful 409.
 * - Rounds carry standard conditions (copied into each award), like their criteria.
 * - Idempotency keys are stored in the transaction of the effect they protect.
 */
export class AwardsAndLedger1795400008000 implements MigrationInterface {
  name = 'AwardsAndLedger1795400008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE round_conditions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        timing text NOT NULL CHECK (timing IN ('before_payment', 'ongoing')),
        CONSTRAINT round_conditions_position_key UNIQUE (round_id, position)
      )`);
    await q.query(
      `INSERT INTO round_conditions (round_id, position, text, timing)
       SELECT r.id, d.position, d.text, d.timing
       FROM rounds r CROSS JOIN jsonb_to_recordset($1::jsonb) AS d(position int, text text, timing text)`,
      [JSON.stringify(STANDARD_CONDITIONS_AT_MIGRATION.map((c, i) => ({ position: i + 1, ...c })))],
    );

    await q.query(`
      ALTER TABLE fund_years
        ADD COLUMN committed_pence bigint NOT NULL DEFAULT 0 CHECK (committed_pence >= 0),
        ADD COLUMN released_pence bigint NOT NULL DEFAULT 0 CHECK (released_pence >= 0),
        ADD COLUMN paid_pence bigint NOT NULL DEFAULT 0 CHECK (paid_pence >= 0),
        ADD COLUMN returned_pence bigint NOT NULL DEFAULT 0 CHECK (returned_pence >= 0),
        ADD CONSTRAINT fund_years_within_cap
          CHECK (committed_pence - released_pence <= cap_pence + over_allocation_tolerance_pence),
        ADD CONSTRAINT fund_years_releases_check CHECK (released_pence <= committed_pence)`);

    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        outcome text NOT NULL CHECK (outcome IN ('award', 'refuse')),
        amount_pence bigint CHECK (amount_pence > 0),
        reasons text NOT NULL CHECK (length(btrim(reasons)) > 0),
        conditions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(conditions) = 'array'),
        acceptance_deadline date,
        decided_by uuid NOT NULL REFERENCES users (id),
        decided_role text NOT NULL,
        decided_at timestamptz NOT NULL,
        CONSTRAINT decisions_application_key UNIQUE (application_id),
        CONSTRAINT decisions_amount_check CHECK (
          (outcome = 'award') = (amount_pence IS NOT NULL AND acceptance_deadline IS NOT NULL)
        )
      )`);
    await q.query(`
      CREATE TRIGGER decisions_no_rewrite BEFORE UPDATE OR DELETE ON decisions
      FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()`);

    await q.query(`
      CREATE TABLE awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        decision_id uuid NOT NULL REFERENCES decisions (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        round_id uuid NOT NULL REFERENCES rounds (id),
        fund_year_id uuid NOT NULL REFERENCES fund_years (id),
        reference text NOT NULL,
        status text NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'lapsed', 'completed', 'revoked')),
        offered_amount_pence bigint NOT NULL CHECK (offered_amount_pence > 0),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        paid_pence bigint NOT NULL DEFAULT 0 CHECK (paid_pence >= 0),
        returned_pence bigint NOT NULL DEFAULT 0 CHECK (returned_pence >= 0),
        acceptance_deadline date NOT NULL,
        end_date date NOT NULL,
        offered_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id),
        signatory_name text,
        signatory_position text,
        declined_at timestamptz,
        decline_reason text,
        lapsed_at timestamptz,
        revoked_at timestamptz,
        revocation_reason text,
        repayment_due_pence bigint NOT NULL DEFAULT 0 CHECK (repayment_due_pence >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT awards_application_key UNIQUE (application_id),
        CONSTRAINT awards_reference_key UNIQUE (reference),
        CONSTRAINT awards_paid_check CHECK (paid_pence <= amount_pence),
        CONSTRAINT awards_returned_check CHECK (returned_pence <= paid_pence),
        CONSTRAINT awards_amount_check CHECK (amount_pence <= offered_amount_pence),
        CONSTRAINT awards_repayment_check CHECK (repayment_due_pence <= paid_pence),
        CONSTRAINT awards_accepted_check CHECK (
          (accepted_at IS NULL) = (accepted_by IS NULL) AND (accepted_at IS NULL) = (signatory_name IS NULL)
        )
      )`);
    await q.query(`CREATE INDEX awards_organisation ON awards (organisation_id)`);
    await q.query(`CREATE INDEX awards_fund_year ON awards (fund_year_id)`);

    await q.query(`
      CREATE TABLE award_conditions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards (id),
        position int NOT NULL CHECK (position > 0),
        kind text NOT NULL CHECK (kind IN ('standard', 'special')),
        timing text NOT NULL CHECK (timing IN ('before_payment', 'ongoing')),
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'met', 'waived')),
        status_note text,
        status_changed_by uuid REFERENCES users (id),
        status_changed_at timestamptz,
        CONSTRAINT award_conditions_position_key UNIQUE (award_id, position),
        CONSTRAINT award_conditions_note_check CHECK (status = 'pending' OR length(btrim(coalesce(status_note, ''))) > 0)
      )`);

    await q.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fund_year_id uuid NOT NULL REFERENCES fund_years (id),
        award_id uuid NOT NULL REFERENCES awards (id),
        kind text NOT NULL CHECK (kind IN ('commitment', 'release', 'payment', 'return')),
        amount_pence bigint NOT NULL CHECK (amount_pence > 0),
        cause text NOT NULL,
        reference text,
        occurred_on date NOT NULL,
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_entries_fund_year ON ledger_entries (fund_year_id)`);
    await q.query(`CREATE INDEX ledger_entries_award ON ledger_entries (award_id)`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_rewrite BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()`);
    // The totals move with every entry, in the same statement, so they can never disagree with the ledger,
    // and the CHECK constraints above refuse the entry that would break an invariant.
    await q.query(`
      CREATE FUNCTION ledger_entries_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'commitment' THEN
          UPDATE fund_years SET committed_pence = committed_pence + NEW.amount_pence WHERE id = NEW.fund_year_id;
        ELSIF NEW.kind = 'release' THEN
          UPDATE fund_years SET released_pence = released_pence + NEW.amount_pence WHERE id = NEW.fund_year_id;
        ELSIF NEW.kind = 'payment' THEN
          UPDATE fund_years SET paid_pence = paid_pence + NEW.amount_pence WHERE id = NEW.fund_year_id;
          UPDATE awards SET paid_pence = paid_pence + NEW.amount_pence WHERE id = NEW.award_id;
        ELSE
          UPDATE fund_years SET returned_pence = returned_pence + NEW.amount_pence WHERE id = NEW.fund_year_id;
          UPDATE awards SET returned_pence = returned_pence + NEW.amount_pence WHERE id = NEW.award_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_totals AFTER INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_totals()`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        scope text NOT NULL,
        request_hash text NOT NULL,
        -- json, not jsonb: a replay must answer byte for byte what the first response said, key order included.
        response json,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entries_totals`);
    await q.query(`DROP TABLE award_conditions`);
    await q.query(`DROP TABLE awards`);
    await q.query(`DROP TABLE decisions`);
    await q.query(`
      ALTER TABLE fund_years
        DROP CONSTRAINT fund_years_within_cap,
        DROP CONSTRAINT fund_years_releases_check,
        DROP COLUMN committed_pence,
        DROP COLUMN released_pence,
        DROP COLUMN paid_pence,
        DROP COLUMN returned_pence`);
    await q.query(`DROP TABLE round_conditions`);
  }
}
