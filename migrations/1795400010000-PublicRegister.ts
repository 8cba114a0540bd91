import { MigrationInterface, QueryRunner } from 'typeorm';

const LEGAL_FORMS = `'registered_charity', 'cio', 'company_limited_by_guarantee', 'community_interest_company',
  'constituted_community_group', 'parish_or_town_council', 'school', 'statutory_body', 'other'`;

/**
 * The public register: what officers approve for publication (award_publications, internal) and the
 * register itself (register_*), a read model the publication job writes and the public reads. The
 * register tables carry no foreign keys into the internal ones: they are a copy made for the public,
 * and nothing internal may be reached through them.
 */
export class PublicRegister1795400010000 implements MigrationInterface {
  name = 'PublicRegister1795400010000';

  async up(q: QueryRunner): Promise<void> {
    // Section 9 lets the Commissioner fund individuals as well as organisations; a person applies as one.
    await q.query(`
      ALTER TABLE organisations
        DROP CONSTRAINT organisations_legal_form_check,
        ADD CONSTRAINT organisations_legal_form_check CHECK (legal_form IN (${LEGAL_FORMS}, 'individual')),
        ADD CONSTRAINT organisations_individual_numbers CHECK (
          legal_form <> 'individual' OR (charity_number IS NULL AND company_number IS NULL)),
        ADD COLUMN sensitive boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE rounds
        DROP CONSTRAINT rounds_accepted_legal_forms_check,
        ADD CONSTRAINT rounds_accepted_legal_forms_check CHECK (
          cardinality(accepted_legal_forms) > 0 AND accepted_legal_forms <@ ARRAY[${LEGAL_FORMS}, 'individual']::text[]),
        ALTER COLUMN accepted_legal_forms SET DEFAULT ARRAY[${LEGAL_FORMS}, 'individual']::text[]`);
    await q.query(`
      ALTER TABLE funders
        ADD COLUMN publish_on text NOT NULL DEFAULT 'acceptance' CHECK (publish_on IN ('acceptance', 'decision'))`);

    await q.query(`
      CREATE TABLE award_publications (
        award_id uuid PRIMARY KEY REFERENCES awards (id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 5000),
        approved_by uuid NOT NULL REFERENCES users (id),
        approved_at timestamptz NOT NULL,
        withdrawal_reason text CHECK (length(btrim(withdrawal_reason)) BETWEEN 1 AND 2000),
        withdrawn_by uuid REFERENCES users (id),
        withdrawn_at timestamptz,
        CONSTRAINT award_publications_withdrawal_check CHECK (
          (withdrawn_at IS NULL) = (withdrawal_reason IS NULL) AND (withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      )`);

    await q.query(`
      CREATE TABLE register_entries (
        id text PRIMARY KEY CHECK (id ~ '^360G-'),
        award_id uuid NOT NULL CONSTRAINT register_entries_award_key UNIQUE,
        status text NOT NULL CHECK (status IN ('published', 'withdrawn')),
        version int NOT NULL CHECK (version > 0),
        entry json NOT NULL,
        -- Kept as json text, not jsonb, so the files stream out byte for byte as they were built.
        grant_json json,
        csv_row text,
        fund_key text NOT NULL,
        fund_year text NOT NULL,
        round_id uuid NOT NULL,
        area_codes text[] NOT NULL,
        objective_numbers int[] NOT NULL,
        aim_codes text[] NOT NULL,
        recipient_id text NOT NULL,
        recipient_name text NOT NULL,
        amount_awarded_pence bigint NOT NULL CHECK (amount_awarded_pence >= 0),
        award_date date NOT NULL,
        search tsvector NOT NULL,
        first_published_at timestamptz NOT NULL,
        date_modified timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawal_reason text,
        CONSTRAINT register_entries_withdrawn_check CHECK (
          (status = 'withdrawn') = (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL)
          AND (status = 'published') = (grant_json IS NOT NULL AND csv_row IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX register_entries_order_idx ON register_entries (award_date DESC, id DESC)`);
    await q.query(`CREATE INDEX register_entries_areas_idx ON register_entries USING gin (area_codes)`);
    await q.query(
      `CREATE INDEX register_entries_objectives_idx ON register_entries USING gin (objective_numbers)`,
    );
    await q.query(`CREATE INDEX register_entries_aims_idx ON register_entries USING gin (aim_codes)`);
    await q.query(`CREATE INDEX register_entries_search_idx ON register_entries USING gin (search)`);
    await q.query(`CREATE INDEX register_entries_year_idx ON register_entries (fund_year)`);
    await q.query(`CREATE INDEX register_entries_round_idx ON register_entries (round_id)`);
    await q.query(`CREATE INDEX register_entries_recipient_idx ON register_entries (recipient_id)`);

    // Every version ever published, so a correction never loses what the public was first told.
    await q.query(`
      CREATE TABLE register_entry_versions (
        entry_id text NOT NULL REFERENCES register_entries (id),
        version int NOT NULL CHECK (version > 0),
        change text NOT NULL CHECK (change IN ('published', 'corrected', 'withdrawn')),
        entry json NOT NULL,
        grant_json json,
        reason text,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (entry_id, version)
      )`);
    await q.query(
      `CREATE INDEX register_entry_versions_recorded_idx ON register_entry_versions (recorded_at)`,
    );
    await q.query(`
      CREATE TRIGGER register_entry_versions_no_rewrite BEFORE UPDATE OR DELETE ON register_entry_versions
      FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()`);

    await q.query(`
      CREATE TABLE register_decisions (
        decision_id uuid PRIMARY KEY,
        outcome text NOT NULL CHECK (outcome IN ('award', 'refuse')),
        decided_at timestamptz NOT NULL,
        decided_on date NOT NULL,
        decision_maker_role text NOT NULL,
        amount_requested_pence bigint NOT NULL CHECK (amount_requested_pence >= 0),
        amount_awarded_pence bigint CHECK (amount_awarded_pence > 0),
        reasons text NOT NULL,
        round_id uuid NOT NULL,
        round_title text NOT NULL,
        fund_year text NOT NULL,
        grant_id text,
        published_at timestamptz NOT NULL,
        CONSTRAINT register_decisions_amount_check CHECK ((outcome = 'award') = (amount_awarded_pence IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX register_decisions_order_idx ON register_decisions (decided_at DESC, decision_id DESC)`,
    );

    // The statutory monthly update: once recorded, a month's publication is a fixed record.
    await q.query(`
      CREATE TABLE register_publications (
        month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
        published_at timestamptz NOT NULL,
        added int NOT NULL CHECK (added >= 0),
        changed int NOT NULL CHECK (changed >= 0),
        withdrawn int NOT NULL CHECK (withdrawn >= 0),
        changes json NOT NULL,
        package json NOT NULL
      )`);
    await q.query(`
      CREATE TRIGGER register_publications_no_rewrite BEFORE UPDATE OR DELETE ON register_publications
      FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()`);

    // One row whose revision moves with every write to the register, inside the writer's transaction,
    // so the open-data files can say cheaply and truthfully whether they changed.
    await q.query(`
      CREATE TABLE register_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        revision bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO register_state DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_state`);
    await q.query(`DROP TABLE register_publications`);
    await q.query(`DROP TABLE register_decisions`);
    await q.query(`DROP TABLE register_entry_versions`);
    await q.query(`DROP TABLE register_entries`);
    await q.query(`DROP TABLE award_publications`);
    await q.query(`ALTER TABLE funders DROP COLUMN publish_on`);
    await q.query(`
      ALTER TABLE rounds
        DROP CONSTRAINT rounds_accepted_legal_forms_check,
        ADD CONSTRAINT rounds_accepted_legal_forms_check CHECK (
          cardinality(accepted_legal_forms) > 0 AND accepted_legal_forms <@ ARRAY[${LEGAL_FORMS}]::text[]),
        ALTER COLUMN accepted_legal_forms SET DEFAULT ARRAY[${LEGAL_FORMS}]::text[]`);
    await q.query(`
      ALTER TABLE organisations
        DROP COLUMN sensitive,
        DROP CONSTRAINT organisations_individual_numbers,
        DROP CONSTRAINT organisations_legal_form_check,
        ADD CONSTRAINT organisations_legal_form_check CHECK (legal_form IN (${LEGAL_FORMS}))`);
  }
}
