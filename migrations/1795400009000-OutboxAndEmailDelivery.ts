import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox, and email records that a worker can claim once and retry safely: a side
 * effect is a row written in the state change's own transaction, and an email is known by a key that
 * says which event, reminder and recipient it is, so no retry or replay sends it twice.
 */
export class OutboxAndEmailDelivery1795400009000 implements MigrationInterface {
  name = 'OutboxAndEmailDelivery1795400009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL CHECK (queue ~ '^[a-z][a-z-]*$'),
        job_name text NOT NULL CHECK (job_name ~ '^[a-z][a-z-]*\\.[a-z][a-z-]*$'),
        job_id text NOT NULL UNIQUE CHECK (job_id !~ ':' AND length(job_id) BETWEEN 1 AND 200),
        payload jsonb NOT NULL,
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        dispatch_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay reads only what is still to go; dispatched rows stay a while as the record of what went.
    await q.query(
      `CREATE INDEX outbox_messages_undispatched_idx ON outbox_messages (id) WHERE dispatched_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX outbox_messages_dispatched_idx ON outbox_messages (dispatched_at) WHERE dispatched_at IS NOT NULL`,
    );

    await q.query(`ALTER TABLE email_messages DROP CONSTRAINT email_messages_status_chk`);
    await q.query(`ALTER TABLE email_messages DROP CONSTRAINT email_messages_attempts_chk`);
    await q.query(`
      ALTER TABLE email_messages
        ADD COLUMN dedupe_key text UNIQUE,
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT email_messages_status_chk CHECK (status IN ('sending', 'sent', 'failed')),
        ADD CONSTRAINT email_messages_attempts_chk CHECK (attempts >= 0)`);
    await q.query(`UPDATE email_messages SET updated_at = created_at`);
    await q.query(
      `CREATE INDEX email_messages_failed_idx ON email_messages (updated_at) WHERE status = 'failed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_messages_failed_idx`);
    await q.query(`DELETE FROM email_messages WHERE status = 'sending'`);
    await q.query(`UPDATE email_messages SET attempts = 1 WHERE attempts = 0`);
    await q.query(`
      ALTER TABLE email_messages
        DROP CONSTRAINT email_messages_status_chk,
        DROP CONSTRAINT email_messages_attempts_chk,
        DROP COLUMN dedupe_key,
        DROP COLUMN claimed_until,
        DROP COLUMN updated_at,
        ADD CONSTRAINT email_messages_status_chk CHECK (status IN ('sent', 'failed')),
        ADD CONSTRAINT email_messages_attempts_chk CHECK (attempts >= 1)`);
    await q.query(`DROP TABLE outbox_messages`);
  }
}
