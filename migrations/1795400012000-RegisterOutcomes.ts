import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the register shows of outcomes: the figures grant holders reported in accepted monitoring reports
 * and the case studies whose people agreed to publication, in their anonymised form only. Written by the
 * publication job when a report is accepted; read by the public beside the grants they belong to.
 */
export class RegisterOutcomes1795400012000 implements MigrationInterface {
  name = 'RegisterOutcomes1795400012000';

  async up(q: QueryRunner): Promise<void> {
    // The latest accepted figure per grant and measure: figures are cumulative, so the latest is the total.
    await q.query(`
      CREATE TABLE register_figures (
        grant_id text NOT NULL REFERENCES register_entries (id),
        measure_code text NOT NULL,
        objective_number int NOT NULL,
        measure_description text NOT NULL,
        unit text NOT NULL,
        value numeric NOT NULL,
        reported_to date NOT NULL,
        source_report_id uuid NOT NULL,
        PRIMARY KEY (grant_id, measure_code)
      )`);
    await q.query(`CREATE INDEX register_figures_objective_idx ON register_figures (objective_number)`);
    await q.query(`
      CREATE TABLE register_case_studies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id text NOT NULL REFERENCES register_entries (id),
        source_report_id uuid NOT NULL,
        position int NOT NULL,
        objective_numbers int[] NOT NULL,
        story text NOT NULL CHECK (length(btrim(story)) > 0),
        published_at timestamptz NOT NULL,
        CONSTRAINT register_case_studies_source_key UNIQUE (source_report_id, position)
      )`);
    await q.query(`CREATE INDEX register_case_studies_grant_idx ON register_case_studies (grant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_case_studies`);
    await q.query(`DROP TABLE register_figures`);
  }
}
