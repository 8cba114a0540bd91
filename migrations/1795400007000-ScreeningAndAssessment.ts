import { MigrationInterface, QueryRunner } from 'typeorm';

/** The default criteria as they stood when this migration was written (a migration never changes later). */
const DEFAULT_CRITERIA_AT_MIGRATION = [
  {
    title: "Fit with the plan's objectives",
    guidance:
      'How clearly the activity will secure or contribute to crime and disorder reduction through the ' +
      'objectives it names, and how credible the stated contribution and success measures are.',
    weight: 25,
  },
  {
    title: 'Evidence of need',
    guidance:
      'Local evidence (crime figures, surveys, partners’ views) that the problem exists where the money ' +
      'would be spent and that the people who benefit need this activity.',
    weight: 20,
  },
  {
    title: "Deliverability and the group's capacity",
    guidance:
      'A realistic plan and timetable, the people and skills to deliver it, sound governance and ' +
      'financial controls, and safeguarding in place where it is needed.',
    weight: 20,
  },
  {
    title: 'Value for money',
    guidance:
      'Costs that are reasonable, necessary and clearly linked to the outcomes; other funding secured.',
    weight: 15,
  },
  {
    title: 'Sustainability and the exit plan',
    guidance:
      'What happens when this one-off grant ends: the activity continues, is absorbed or ends safely, ' +
      'with no expectation of renewal.',
    weight: 10,
  },
  {
    title: 'Partnership working',
    guidance:
      'Work with the Community Safety Partnership, police, councils and other local groups; no duplication.',
    weight: 10,
  },
];

/**
 * Screening, information requests and assessment.
 * - Each round carries its weighted assessment criteria (frozen with its other terms once it opens).
 * - An officer's screening keeps the automatic eligibility result it started from and every rule it
 *   overrode, each with a written reason; one screening per application.
 * - An information request names the answers the applicant may change; at most one is open at a time.
 * - Assessors are assigned per application; everyone who would see scores declares a conflict of interest
 *   first (a declared conflict cannot be taken back); scores are 0–5 per criterion with a comment.
 * - The lead officer's moderated result and recommendation is one immutable row per application: what the
 *   register later publishes as the grant's reasons.
 */
export class ScreeningAndAssessment1795400007000 implements MigrationInterface {
  name = 'ScreeningAndAssessment1795400007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE round_criteria (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        guidance text NOT NULL DEFAULT '',
        weight int NOT NULL CHECK (weight BETWEEN 1 AND 100),
        CONSTRAINT round_criteria_position_key UNIQUE (round_id, position),
        CONSTRAINT round_criteria_title_key UNIQUE (round_id, title)
      )`);
    // Rounds made before criteria existed take the defaults new rounds get (libs/rounds/src/assessment-criteria.ts).
    await q.query(
      `INSERT INTO round_criteria (round_id, position, title, guidance, weight)
       SELECT r.id, d.position, d.title, d.guidance, d.weight
       FROM rounds r CROSS JOIN jsonb_to_recordset($1::jsonb) AS d(position int, title text, guidance text, weight int)`,
      [JSON.stringify(DEFAULT_CRITERIA_AT_MIGRATION.map((c, i) => ({ position: i + 1, ...c })))],
    );

    await q.query(`
      CREATE TABLE screenings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        eligibility_result_id uuid NOT NULL REFERENCES eligibility_results (id),
        outcome text NOT NULL CHECK (outcome IN ('eligible', 'ineligible')),
        reasons text,
        overrides jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(overrides) = 'array'),
        screened_by uuid NOT NULL REFERENCES users (id),
        screened_at timestamptz NOT NULL,
        CONSTRAINT screenings_application_key UNIQUE (application_id),
        CONSTRAINT screenings_ineligible_reasons_check
          CHECK (outcome = 'eligible' OR length(btrim(coalesce(reasons, ''))) > 0)
      )`);

    await q.query(`
      CREATE TABLE information_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled')),
        answers text[] NOT NULL CHECK (cardinality(answers) > 0),
        message text NOT NULL CHECK (length(btrim(message)) > 0),
        return_status text NOT NULL CHECK (return_status IN ('submitted', 'in_assessment')),
        requested_by uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL,
        response text,
        responded_by uuid REFERENCES users (id),
        responded_at timestamptz,
        closed_at timestamptz,
        CONSTRAINT information_requests_answered_check CHECK (
          (status = 'answered') = (responded_at IS NOT NULL AND responded_by IS NOT NULL AND response IS NOT NULL)
        ),
        CONSTRAINT information_requests_closed_check CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX information_requests_one_open ON information_requests (application_id)
      WHERE status = 'open'`);
    await q.query(`CREATE INDEX information_requests_application ON information_requests (application_id)`);

    await q.query(`
      CREATE TABLE conflict_declarations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        user_id uuid NOT NULL REFERENCES users (id),
        has_conflict boolean NOT NULL,
        details text,
        declared_at timestamptz NOT NULL,
        CONSTRAINT conflict_declarations_key UNIQUE (application_id, user_id),
        CONSTRAINT conflict_declarations_details_check
          CHECK (NOT has_conflict OR length(btrim(coalesce(details, ''))) > 0)
      )`);
    // "No conflict" may later become "conflict" (something came to light); a declared conflict is final.
    await q.query(`
      CREATE FUNCTION conflict_declarations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.has_conflict OR NOT NEW.has_conflict
           OR NEW.application_id <> OLD.application_id OR NEW.user_id <> OLD.user_id THEN
          RAISE EXCEPTION 'a conflict declaration can only change from no conflict to conflict'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER conflict_declarations_guard BEFORE UPDATE OR DELETE ON conflict_declarations
      FOR EACH ROW EXECUTE FUNCTION conflict_declarations_guard()`);

    await q.query(`
      CREATE TABLE assessor_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        assessor_id uuid NOT NULL REFERENCES users (id),
        assigned_by uuid NOT NULL REFERENCES users (id),
        assigned_at timestamptz NOT NULL,
        submitted_at timestamptz,
        CONSTRAINT assessor_assignments_key UNIQUE (application_id, assessor_id)
      )`);

    await q.query(`
      CREATE TABLE assessment_scores (
        assignment_id uuid NOT NULL REFERENCES assessor_assignments (id),
        criterion_id uuid NOT NULL REFERENCES round_criteria (id),
        score int CHECK (score BETWEEN 0 AND 5),
        comment text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (assignment_id, criterion_id)
      )`);
    // Submitted scores are evidence for the decision: once the assessor submits, nothing rewrites them.
    await q.query(`
      CREATE FUNCTION assessment_scores_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM assessor_assignments a
                   WHERE a.id = coalesce(OLD.assignment_id, NEW.assignment_id) AND a.submitted_at IS NOT NULL) THEN
          RAISE EXCEPTION 'a submitted assessment cannot change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN coalesce(NEW, OLD);
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_scores_frozen BEFORE INSERT OR UPDATE OR DELETE ON assessment_scores
      FOR EACH ROW EXECUTE FUNCTION assessment_scores_frozen()`);

    await q.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        outcome text NOT NULL CHECK (outcome IN ('fund_in_full', 'fund_in_part', 'refuse')),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        weighted_points int NOT NULL CHECK (weighted_points >= 0),
        max_points int NOT NULL CHECK (max_points > 0),
        moderated_scores jsonb NOT NULL CHECK (jsonb_typeof(moderated_scores) = 'array'),
        reasons jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
        summary text NOT NULL CHECK (length(btrim(summary)) > 0),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT recommendations_application_key UNIQUE (application_id),
        CONSTRAINT recommendations_points_check CHECK (weighted_points <= max_points),
        CONSTRAINT recommendations_amount_check CHECK ((outcome = 'refuse') = (amount_pence = 0))
      )`);
    // One function for every record that, once written, is evidence: recommendations here, decisions and
    // the ledger later.
    await q.query(`
      CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER recommendations_no_rewrite BEFORE UPDATE OR DELETE ON recommendations
      FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendations`);
    await q.query(`DROP FUNCTION refuse_rewrite`);
    await q.query(`DROP TABLE assessment_scores`);
    await q.query(`DROP FUNCTION assessment_scores_frozen`);
    await q.query(`DROP TABLE assessor_assignments`);
    await q.query(`DROP TABLE conflict_declarations`);
    await q.query(`DROP FUNCTION conflict_declarations_guard`);
    await q.query(`DROP TABLE information_requests`);
    await q.query(`DROP TABLE screenings`);
    await q.query(`DROP TABLE round_criteria`);
  }
}
