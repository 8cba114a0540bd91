import { MigrationInterface, QueryRunner } from 'typeorm';

/** The funder's profile (funder, areas, partnerships), the versioned plan, the funds and the rounds. */
export class Reference1795400002000 implements MigrationInterface {
  name = 'Reference1795400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE funders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT funders_slug_key UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL CHECK (name <> ''),
        short_name text NOT NULL CHECK (short_name <> ''),
        publisher_prefix text NOT NULL CHECK (publisher_prefix ~ '^360G-'),
        organisation_identifier text NOT NULL CHECK (organisation_identifier <> ''),
        contact_email text NOT NULL,
        website text NOT NULL,
        legal_basis text NOT NULL,
        time_zone text NOT NULL,
        financial_year_start_month int NOT NULL CHECK (financial_year_start_month BETWEEN 1 AND 12),
        disallowed_cost_categories text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // ONS GSS codes (a letter for the nation and eight digits) are the natural key open data uses.
    await q.query(`
      CREATE TABLE areas (
        code text PRIMARY KEY CHECK (code ~ '^[EWSNKLM][0-9]{8}$'),
        name text NOT NULL CHECK (name <> ''),
        type text NOT NULL CHECK (type ~ '^[A-Z]{2,6}$'),
        parent_code text REFERENCES areas (code),
        CHECK (parent_code IS NULL OR parent_code <> code)
      )`);
    await q.query(`CREATE INDEX areas_parent_code_idx ON areas (parent_code)`);

    await q.query(`
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT partnerships_key_key UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL CHECK (name <> '')
      )`);
    await q.query(`
      CREATE TABLE partnership_areas (
        partnership_id uuid NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
        area_code text NOT NULL REFERENCES areas (code),
        PRIMARY KEY (partnership_id, area_code)
      )`);
    await q.query(`CREATE INDEX partnership_areas_area_code_idx ON partnership_areas (area_code)`);

    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT plans_key_key UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]*$'),
        title text NOT NULL CHECK (title <> ''),
        period_start date NOT NULL,
        period_end date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_start < period_end)
      )`);
    await q.query(`
      CREATE TABLE plan_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id),
        number int NOT NULL CHECK (number > 0),
        label text NOT NULL CHECK (label <> ''),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        effective_from date,
        notes text,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_versions_plan_number_key UNIQUE (plan_id, number),
        CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CHECK (status = 'draft' OR effective_from IS NOT NULL)
      )`);
    // A variation is edited in one draft at a time; a second concurrent copy would fork the plan.
    await q.query(
      `CREATE UNIQUE INDEX plan_versions_one_draft_idx ON plan_versions (plan_id) WHERE status = 'draft'`,
    );

    await q.query(`
      CREATE TABLE aims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code <> ''),
        title text NOT NULL CHECK (title <> ''),
        position int NOT NULL CHECK (position > 0),
        CONSTRAINT aims_version_code_key UNIQUE (plan_version_id, code),
        CONSTRAINT aims_id_version_key UNIQUE (id, plan_version_id)
      )`);
    await q.query(`
      CREATE TABLE objectives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
        aim_id uuid NOT NULL,
        number int NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (title <> ''),
        description text NOT NULL DEFAULT '',
        CONSTRAINT objectives_version_number_key UNIQUE (plan_version_id, number),
        CONSTRAINT objectives_id_version_key UNIQUE (id, plan_version_id),
        -- An objective's aim is always in the same plan version.
        CONSTRAINT objectives_aim_fk FOREIGN KEY (aim_id, plan_version_id)
          REFERENCES aims (id, plan_version_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX objectives_aim_id_idx ON objectives (aim_id)`);
    await q.query(`
      CREATE TABLE success_measures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        objective_id uuid NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code <> ''),
        description text NOT NULL CHECK (description <> ''),
        unit text NOT NULL CHECK (unit IN ('count', 'percent', 'pounds', 'text', 'rate')),
        CONSTRAINT success_measures_objective_code_key UNIQUE (objective_id, code)
      )`);

    // A published plan version is the record rounds and applications were judged against: nothing
    // under it may change. The service says 409 first; this makes sure no other path can either.
    await q.query(`
      CREATE FUNCTION plan_content_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        version_id uuid;
        version_status text;
      BEGIN
        IF TG_TABLE_NAME = 'success_measures' THEN
          SELECT o.plan_version_id INTO version_id FROM objectives o
            WHERE o.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.objective_id ELSE NEW.objective_id END);
        ELSE
          version_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.plan_version_id ELSE NEW.plan_version_id END;
        END IF;
        SELECT status INTO version_status FROM plan_versions WHERE id = version_id;
        IF version_status = 'published' THEN
          RAISE EXCEPTION 'plan version % is published and cannot change', version_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const table of ['aims', 'objectives', 'success_measures']) {
      await q.query(`
        CREATE TRIGGER ${table}_frozen_when_published BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION plan_content_frozen()`);
    }

    await q.query(`
      CREATE TABLE funds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT funds_key_key UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL CHECK (name <> ''),
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE fund_years (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id uuid NOT NULL REFERENCES funds (id),
        label text NOT NULL CHECK (label <> ''),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        cap_pence bigint NOT NULL CHECK (cap_pence >= 0),
        over_allocation_tolerance_pence bigint NOT NULL DEFAULT 0 CHECK (over_allocation_tolerance_pence >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fund_years_fund_label_key UNIQUE (fund_id, label),
        CHECK (starts_on < ends_on)
      )`);
    await q.query(`
      CREATE TABLE funding_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_year_id uuid NOT NULL REFERENCES fund_years (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name <> ''),
        kind text NOT NULL CHECK (kind IN ('grant', 'contribution', 'external', 'donation', 'other')),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT funding_sources_year_name_key UNIQUE (fund_year_id, name)
      )`);

    await q.query(`
      CREATE TABLE rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_year_id uuid NOT NULL REFERENCES fund_years (id),
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id),
        title text NOT NULL CHECK (title <> ''),
        description text NOT NULL DEFAULT '',
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        min_award_pence bigint NOT NULL,
        max_award_pence bigint NOT NULL,
        max_project_months int NOT NULL CHECK (max_project_months > 0),
        acceptance_window_days int NOT NULL CHECK (acceptance_window_days > 0),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rounds_id_version_key UNIQUE (id, plan_version_id),
        CONSTRAINT rounds_window_check CHECK (opens_at < closes_at),
        CONSTRAINT rounds_award_limits_check CHECK (0 < min_award_pence AND min_award_pence <= max_award_pence)
      )`);
    await q.query(`CREATE INDEX rounds_fund_year_id_idx ON rounds (fund_year_id)`);
    await q.query(
      `CREATE INDEX rounds_published_window_idx ON rounds (opens_at, closes_at) WHERE published_at IS NOT NULL`,
    );
    // plan_version_id is carried here only so the two composite keys can insist that a round funds
    // objectives of its own plan version.
    await q.query(`
      CREATE TABLE round_objectives (
        round_id uuid NOT NULL,
        objective_id uuid NOT NULL,
        plan_version_id uuid NOT NULL,
        PRIMARY KEY (round_id, objective_id),
        CONSTRAINT round_objectives_round_fk FOREIGN KEY (round_id, plan_version_id)
          REFERENCES rounds (id, plan_version_id) ON DELETE CASCADE,
        CONSTRAINT round_objectives_objective_fk FOREIGN KEY (objective_id, plan_version_id)
          REFERENCES objectives (id, plan_version_id)
      )`);
    await q.query(`CREATE INDEX round_objectives_objective_id_idx ON round_objectives (objective_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE round_objectives`);
    await q.query(`DROP TABLE rounds`);
    await q.query(`DROP TABLE funding_sources`);
    await q.query(`DROP TABLE fund_years`);
    await q.query(`DROP TABLE funds`);
    await q.query(`DROP TABLE success_measures`);
    await q.query(`DROP TABLE objectives`);
    await q.query(`DROP TABLE aims`);
    await q.query(`DROP FUNCTION plan_content_frozen`);
    await q.query(`DROP TABLE plan_versions`);
    await q.query(`DROP TABLE plans`);
    await q.query(`DROP TABLE partnership_areas`);
    await q.query(`DROP TABLE partnerships`);
    await q.query(`DROP TABLE areas`);
    await q.query(`DROP TABLE funders`);
  }
}
