import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'draft', 'submitted', 'in_assessment', 'information_requested', 'recommended',
  'awarded', 'refused', 'ineligible', 'withdrawn'`;

export class Applications1795400004000 implements MigrationInterface {
  name = 'Applications1795400004000';

  async up(q: QueryRunner): Promise<void> {
    // Reference numbers come from a sequence, so two drafts created at once can never share one.
    await q.query(`CREATE SEQUENCE application_reference_seq START 1`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL CONSTRAINT applications_reference_key UNIQUE
          CHECK (reference ~ '^[A-Z]{2,10}-[0-9]{4}-[0-9]{6,}$'),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        round_id uuid NOT NULL,
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN (${STATUSES})),
        status_before_information_request text CHECK (status_before_information_request IN ('submitted', 'in_assessment')),
        title text CHECK (length(title) <= 200),
        summary text CHECK (length(summary) <= 5000),
        activities jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(activities) = 'array'),
        start_date date,
        end_date date,
        amount_requested_pence bigint CHECK (amount_requested_pence >= 0),
        exit_plan text CHECK (length(exit_plan) <= 5000),
        safeguarding_confirmed boolean NOT NULL DEFAULT false,
        safeguarding_policy_notes text CHECK (length(safeguarding_policy_notes) <= 2000),
        declaration_information_true boolean NOT NULL DEFAULT false,
        declaration_one_off_understood boolean NOT NULL DEFAULT false,
        declaration_conditions_understood boolean NOT NULL DEFAULT false,
        declaration_data_protection boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users (id),
        withdrawn_at timestamptz,
        withdrawal_reason text CHECK (length(withdrawal_reason) <= 2000),
        -- The plan version is the round's own: the composite key makes them agree.
        CONSTRAINT applications_round_fk FOREIGN KEY (round_id, plan_version_id)
          REFERENCES rounds (id, plan_version_id),
        CONSTRAINT applications_submitted_check CHECK (
          status IN ('draft', 'withdrawn') OR (submitted_at IS NOT NULL AND submitted_by IS NOT NULL)),
        CONSTRAINT applications_withdrawn_check CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
        CONSTRAINT applications_information_check CHECK (
          (status = 'information_requested') = (status_before_information_request IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX applications_organisation_idx ON applications (organisation_id, created_at, id)`,
    );
    await q.query(`CREATE INDEX applications_round_status_idx ON applications (round_id, status)`);
    await q.query(`CREATE INDEX applications_list_idx ON applications (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE application_objectives (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        objective_id uuid NOT NULL REFERENCES objectives (id),
        position int NOT NULL CHECK (position >= 0),
        contribution text NOT NULL CHECK (length(contribution) <= 2000),
        PRIMARY KEY (application_id, objective_id)
      )`);
    await q.query(
      `CREATE INDEX application_objectives_objective_idx ON application_objectives (objective_id)`,
    );

    await q.query(`
      CREATE TABLE application_measures (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        measure_id uuid NOT NULL REFERENCES success_measures (id),
        position int NOT NULL CHECK (position >= 0),
        target numeric NOT NULL,
        baseline numeric,
        PRIMARY KEY (application_id, measure_id)
      )`);
    await q.query(`CREATE INDEX application_measures_measure_idx ON application_measures (measure_id)`);

    await q.query(`
      CREATE TABLE application_areas (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        area_code text NOT NULL REFERENCES areas (code),
        position int NOT NULL CHECK (position >= 0),
        PRIMARY KEY (application_id, area_code)
      )`);
    await q.query(`CREATE INDEX application_areas_area_idx ON application_areas (area_code)`);

    await q.query(`
      CREATE TABLE application_budget_lines (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        description text NOT NULL CHECK (length(description) <= 500),
        category text NOT NULL CHECK (category IN ('staff', 'volunteer_expenses', 'equipment', 'materials',
          'venue_hire', 'training', 'publicity', 'travel', 'evaluation', 'management_and_overheads', 'other')),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        PRIMARY KEY (application_id, position)
      )`);

    await q.query(`
      CREATE TABLE application_other_funding (
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        funder_name text NOT NULL CHECK (length(funder_name) <= 200),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        status text NOT NULL CHECK (status IN ('secured', 'applied')),
        PRIMARY KEY (application_id, position)
      )`);

    await q.query(`
      CREATE TABLE application_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        version int NOT NULL CHECK (version > 0),
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id),
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users (id),
        CONSTRAINT application_submissions_version_key UNIQUE (application_id, version)
      )`);
    // A submission is the record of what the applicant said: no path may rewrite or remove it.
    await q.query(`
      CREATE FUNCTION application_submissions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_submissions is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER application_submissions_no_rewrite BEFORE UPDATE OR DELETE ON application_submissions
      FOR EACH ROW EXECUTE FUNCTION application_submissions_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_submissions`);
    await q.query(`DROP FUNCTION application_submissions_immutable`);
    await q.query(`DROP TABLE application_other_funding`);
    await q.query(`DROP TABLE application_budget_lines`);
    await q.query(`DROP TABLE application_areas`);
    await q.query(`DROP TABLE application_measures`);
    await q.query(`DROP TABLE application_objectives`);
    await q.query(`DROP TABLE applications`);
    await q.query(`DROP SEQUENCE application_reference_seq`);
  }
}
