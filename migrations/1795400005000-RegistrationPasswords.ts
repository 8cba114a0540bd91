import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationPasswords1795400005000 implements MigrationInterface {
  name = 'RegistrationPasswords1795400005000';

  async up(q: QueryRunner): Promise<void> {
    // The password (and name) chosen in a registration travel with its verification link, and only
    // following that link makes them the account's: whoever holds the mailbox decides the password,
    // not whoever registered the address first.
    await q.query(`
      ALTER TABLE email_tokens
        ADD COLUMN password_hash text,
        ADD COLUMN display_name text,
        ADD CONSTRAINT email_tokens_registration_chk CHECK (
          purpose = 'verify_email' OR (password_hash IS NULL AND display_name IS NULL)
        ),
        ADD CONSTRAINT email_tokens_display_name_chk CHECK (
          display_name IS NULL OR length(btrim(display_name)) BETWEEN 1 AND 200
        )`);

    // Registration throttle's memory: per recipient (how many emails an address was sent) and per
    // client address (how many registrations it made). Rows older than an hour no longer matter.
    await q.query(`
      CREATE TABLE registration_requests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        ip_address text NOT NULL,
        mail_allowed boolean NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX registration_requests_email_idx ON registration_requests (email, requested_at)`,
    );
    await q.query(
      `CREATE INDEX registration_requests_ip_idx ON registration_requests (ip_address, requested_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registration_requests`);
    await q.query(`
      ALTER TABLE email_tokens
        DROP CONSTRAINT email_tokens_display_name_chk,
        DROP CONSTRAINT email_tokens_registration_chk,
        DROP COLUMN display_name,
        DROP COLUMN password_hash`);
  }
}
