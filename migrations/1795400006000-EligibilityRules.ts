import { MigrationInterface, QueryRunner } from 'typeorm';

const LEGAL_FORMS = [
  'registered_charity',
  'cio',
  'company_limited_by_guarantee',
  'community_interest_company',
  'constituted_community_group',
  'parish_or_town_council',
  'school',
  'statutory_body',
  'other',
];
const FORMS_SQL = `ARRAY[${LEGAL_FORMS.map((f) => `'${f}'`).join(', ')}]::text[]`;

/**
 * Eligibility rules as data: each round says which legal forms it accepts and which cost categories it
 * does not fund (frozen once it opens, like its other terms); the applicant answers what the due-diligence
 * rule needs (children or adults at risk; a small group's proportionate checklist); and every submission
 * gets one immutable eligibility result, tied to the plan version it was judged against.
 */
export class EligibilityRules1795400006000 implements MigrationInterface {
  name = 'EligibilityRules1795400006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rounds
        ADD COLUMN accepted_legal_forms text[] NOT NULL DEFAULT ${FORMS_SQL}
          CONSTRAINT rounds_accepted_legal_forms_check
          CHECK (cardinality(accepted_legal_forms) > 0 AND accepted_legal_forms <@ ${FORMS_SQL}),
        ADD COLUMN disallowed_cost_categories text[] NOT NULL DEFAULT '{}'`);
    // Rounds made before this migration take the funder's list, as new rounds do by default.
    await q.query(`
      UPDATE rounds SET disallowed_cost_categories =
        COALESCE((SELECT f.disallowed_cost_categories FROM funders f ORDER BY f.created_at LIMIT 1), '{}')`);

    await q.query(`
      ALTER TABLE applications
        ADD COLUMN involves_children_or_adults_at_risk boolean,
        ADD COLUMN group_constitution_dissolution_clause boolean,
        ADD COLUMN group_unrelated_committee_members int
          CONSTRAINT applications_group_unrelated_committee_members_check
          CHECK (group_unrelated_committee_members >= 0),
        ADD COLUMN group_bank_account_in_name boolean`);

    await q.query(`
      CREATE TABLE eligibility_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        submission_id uuid NOT NULL REFERENCES application_submissions (id),
        submission_version int NOT NULL CHECK (submission_version > 0),
        plan_version_id uuid NOT NULL REFERENCES plan_versions (id),
        checked_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('pass', 'fail', 'needs_review')),
        results jsonb NOT NULL CHECK (jsonb_typeof(results) = 'array'),
        CONSTRAINT eligibility_results_submission_key UNIQUE (submission_id),
        CONSTRAINT eligibility_results_version_key UNIQUE (application_id, submission_version)
      )`);
    // What the rules said at submission is evidence: no path may rewrite or remove it.
    await q.query(`
      CREATE FUNCTION eligibility_results_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'eligibility_results is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER eligibility_results_no_rewrite BEFORE UPDATE OR DELETE ON eligibility_results
      FOR EACH ROW EXECUTE FUNCTION eligibility_results_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE eligibility_results`);
    await q.query(`DROP FUNCTION eligibility_results_immutable`);
    await q.query(`
      ALTER TABLE applications
        DROP COLUMN involves_children_or_adults_at_risk,
        DROP COLUMN group_constitution_dissolution_clause,
        DROP COLUMN group_unrelated_committee_members,
        DROP COLUMN group_bank_account_in_name`);
    await q.query(
      `ALTER TABLE rounds DROP COLUMN accepted_legal_forms, DROP COLUMN disallowed_cost_categories`,
    );
  }
}
