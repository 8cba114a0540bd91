import { MigrationInterface, QueryRunner } from 'typeorm';

export class Organisations1795400003000 implements MigrationInterface {
  name = 'Organisations1795400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        legal_form text NOT NULL CHECK (legal_form IN (
          'registered_charity', 'cio', 'company_limited_by_guarantee', 'community_interest_company',
          'constituted_community_group', 'parish_or_town_council', 'school', 'statutory_body', 'other')),
        charity_number text CHECK (charity_number ~ '^([0-9]{6,8}(-[0-9]{1,2})?|SC[0-9]{6}|NIC1[0-9]{5})$'),
        company_number text CHECK (company_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6}|R[0-9]{7})$'),
        address_line1 text NOT NULL CHECK (length(btrim(address_line1)) BETWEEN 1 AND 200),
        address_line2 text CHECK (length(address_line2) <= 200),
        town text NOT NULL CHECK (length(btrim(town)) BETWEEN 1 AND 100),
        postcode text NOT NULL CHECK (postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'),
        local_authority_code text NOT NULL REFERENCES areas (code),
        contact_email text CHECK (length(contact_email) <= 254),
        contact_phone text CHECK (length(contact_phone) <= 30),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The legal form decides which registration numbers exist (see legal-form.ts IDENTIFIER_RULES).
        CONSTRAINT organisations_charity_number_required CHECK (
          legal_form NOT IN ('registered_charity', 'cio') OR charity_number IS NOT NULL),
        CONSTRAINT organisations_company_number_required CHECK (
          legal_form NOT IN ('company_limited_by_guarantee', 'community_interest_company') OR company_number IS NOT NULL),
        CONSTRAINT organisations_charity_number_forbidden CHECK (
          legal_form NOT IN ('community_interest_company', 'parish_or_town_council') OR charity_number IS NULL),
        CONSTRAINT organisations_company_number_forbidden CHECK (
          legal_form NOT IN ('cio', 'parish_or_town_council') OR company_number IS NULL)
      )`);
    await q.query(`CREATE INDEX organisations_created_idx ON organisations (created_at, id)`);

    await q.query(`
      CREATE TABLE organisation_members (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisation_members_pkey PRIMARY KEY (organisation_id, user_id)
      )`);
    await q.query(`CREATE INDEX organisation_members_user_idx ON organisation_members (user_id)`);

    await q.query(`
      CREATE TABLE organisation_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        invited_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id),
        CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
      )`);
    // One pending invitation per address per organisation: inviting twice is a conflict, not a duplicate.
    await q.query(`
      CREATE UNIQUE INDEX organisation_invitations_pending_uq
        ON organisation_invitations (organisation_id, email) WHERE accepted_at IS NULL`);
    await q.query(
      `CREATE INDEX organisation_invitations_email_idx ON organisation_invitations (email) WHERE accepted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_invitations`);
    await q.query(`DROP TABLE organisation_members`);
    await q.query(`DROP TABLE organisations`);
  }
}
