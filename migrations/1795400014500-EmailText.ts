import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words of each notice the worker sends, so the person it went to can read it again in the portal and
 * officers can see what a grant holder was told. Nullable: emails sent before this, and those carrying a
 * one-time link (verification, password reset), keep no text.
 */
export class EmailText1795400014500 implements MigrationInterface {
  name = 'EmailText1795400014500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_messages ADD COLUMN text_body text`);
    // "Emails sent to you" reads by address whatever its case; the old index is on the address as stored.
    await q.query(
      `CREATE INDEX email_messages_recipient_lower_idx ON email_messages (lower(recipient), created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_messages_recipient_lower_idx`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN text_body`);
  }
}
