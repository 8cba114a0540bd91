import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monitoring: each accepted award's reports (interim and final), what the grant holder reports in them
 * (spend by budget line, figures against the success measures it committed to, case studies), and the
 * officer's review. Figures and spend are rows, not JSON, so the reports add them up in SQL.
 */
export class Monitoring1795400011000 implements MigrationInterface {
  name = 'Monitoring1795400011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rounds
        -- Grants longer than this many months get an interim report at the half-way point; null: none do.
        ADD COLUMN interim_report_over_months int DEFAULT 6
          CONSTRAINT rounds_interim_report_over_months_check CHECK (interim_report_over_months >= 0),
        ADD COLUMN final_report_due_days int NOT NULL DEFAULT 28
          CONSTRAINT rounds_final_report_due_days_check CHECK (final_report_due_days BETWEEN 0 AND 366)`);
    await q.query(`
      ALTER TABLE awards
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN unspent_pence bigint CONSTRAINT awards_unspent_check CHECK (unspent_pence >= 0),
        ADD CONSTRAINT awards_completed_check CHECK ((status = 'completed') = (completed_at IS NOT NULL))`);

    await q.query(`
      CREATE TABLE monitoring_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id uuid NOT NULL REFERENCES awards (id),
        position int NOT NULL CHECK (position > 0),
        kind text NOT NULL CHECK (kind IN ('interim', 'final')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'submitted', 'accepted', 'changes_requested')),
        progress text CHECK (length(progress) <= 10000),
        problems text CHECK (length(problems) <= 5000),
        unspent_pence bigint CHECK (unspent_pence >= 0),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users (id),
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users (id),
        review_comments text CHECK (length(review_comments) <= 5000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT monitoring_reports_position_key UNIQUE (award_id, position),
        CONSTRAINT monitoring_reports_period_check CHECK (period_start <= period_end),
        CONSTRAINT monitoring_reports_unspent_final CHECK (kind = 'final' OR unspent_pence IS NULL),
        CONSTRAINT monitoring_reports_submitted_check CHECK (
          status IN ('due', 'changes_requested') OR (submitted_at IS NOT NULL AND submitted_by IS NOT NULL)),
        CONSTRAINT monitoring_reports_reviewed_check CHECK (
          status NOT IN ('accepted', 'changes_requested') OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL))
      )`);
    // One final report per award: it is the one that closes the award.
    await q.query(
      `CREATE UNIQUE INDEX monitoring_reports_one_final ON monitoring_reports (award_id) WHERE kind = 'final'`,
    );
    await q.query(
      `CREATE INDEX monitoring_reports_due_idx ON monitoring_reports (due_on) WHERE status <> 'accepted'`,
    );

    await q.query(`
      CREATE TABLE monitoring_report_spend (
        report_id uuid NOT NULL REFERENCES monitoring_reports (id) ON DELETE CASCADE,
        budget_line_position int NOT NULL CHECK (budget_line_position >= 0),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        PRIMARY KEY (report_id, budget_line_position)
      )`);
    await q.query(`
      CREATE TABLE monitoring_report_figures (
        report_id uuid NOT NULL REFERENCES monitoring_reports (id) ON DELETE CASCADE,
        measure_id uuid NOT NULL REFERENCES success_measures (id),
        value numeric NOT NULL,
        note text CHECK (length(note) <= 1000),
        PRIMARY KEY (report_id, measure_id)
      )`);
    await q.query(
      `CREATE INDEX monitoring_report_figures_measure_idx ON monitoring_report_figures (measure_id)`,
    );
    await q.query(`
      CREATE TABLE monitoring_case_studies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES monitoring_reports (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        story text NOT NULL CHECK (length(btrim(story)) BETWEEN 1 AND 10000),
        consent_to_publish boolean NOT NULL,
        anonymised_story text CHECK (length(anonymised_story) <= 10000),
        CONSTRAINT monitoring_case_studies_position_key UNIQUE (report_id, position),
        -- Only a story whose people agreed may be published, and then only in its anonymised form.
        CONSTRAINT monitoring_case_studies_consent_check CHECK (
          NOT consent_to_publish OR length(btrim(coalesce(anonymised_story, ''))) > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE monitoring_case_studies`);
    await q.query(`DROP TABLE monitoring_report_figures`);
    await q.query(`DROP TABLE monitoring_report_spend`);
    await q.query(`DROP TABLE monitoring_reports`);
    await q.query(`
      ALTER TABLE awards DROP CONSTRAINT awards_completed_check, DROP COLUMN unspent_pence, DROP COLUMN completed_at`);
    await q.query(
      `ALTER TABLE rounds DROP COLUMN final_report_due_days, DROP COLUMN interim_report_over_months`,
    );
  }
}
