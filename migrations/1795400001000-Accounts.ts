import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795400001000 implements MigrationInterface {
  name = 'Accounts1795400001000';

  async up(q: QueryRunner): Promise<void> {
    // Emails are stored lower-cased (enforced below) rather than as citext, so no extension is needed and
    // a plain UNIQUE index gives case-insensitive uniqueness.
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text,
        roles text[] NOT NULL,
        email_verified_at timestamptz,
        approval_limit_pence bigint,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower_chk CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        CONSTRAINT users_display_name_chk CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
        CONSTRAINT users_roles_known_chk CHECK (
          cardinality(roles) >= 1
          AND array_position(roles, NULL) IS NULL
          AND roles <@ ARRAY['applicant', 'officer', 'approver', 'finance', 'admin']::text[]
        ),
        CONSTRAINT users_approval_limit_chk CHECK (approval_limit_pence IS NULL OR approval_limit_pence >= 0)
      )`);
    await q.query(`CREATE INDEX users_created_idx ON users (created_at, id)`);

    // Only a SHA-256 of each session token is stored: a leaked table cannot be replayed as sessions.
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip_address text,
        user_agent text,
        CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
        CONSTRAINT sessions_expiry_chk CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX sessions_user_active_idx ON sessions (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE email_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT email_tokens_token_hash_key UNIQUE (token_hash),
        CONSTRAINT email_tokens_purpose_chk CHECK (purpose IN ('verify_email', 'password_reset')),
        CONSTRAINT email_tokens_expiry_chk CHECK (expires_at > created_at)
      )`);
    await q.query(
      `CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose) WHERE used_at IS NULL`,
    );

    // Throttling lives in PostgreSQL so the API needs nothing else to stay safe; rows older than the
    // window are irrelevant and can be pruned at any time.
    await q.query(`
      CREATE TABLE sign_in_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        ip_address text NOT NULL,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email, attempted_at)`);
    await q.query(`CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip_address, attempted_at)`);

    await q.query(`
      CREATE TABLE email_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        message_id text,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        last_error text,
        related_subject_type text,
        related_subject_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_messages_status_chk CHECK (status IN ('sent', 'failed')),
        CONSTRAINT email_messages_attempts_chk CHECK (attempts >= 1),
        CONSTRAINT email_messages_related_chk CHECK ((related_subject_type IS NULL) = (related_subject_id IS NULL))
      )`);
    await q.query(`CREATE INDEX email_messages_recipient_idx ON email_messages (recipient, created_at)`);
    await q.query(
      `CREATE INDEX email_messages_related_idx ON email_messages (related_subject_type, related_subject_id)
       WHERE related_subject_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_messages`);
    await q.query(`DROP TABLE sign_in_attempts`);
    await q.query(`DROP TABLE email_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
