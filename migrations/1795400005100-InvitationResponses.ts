import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations are answered by the invitee (accepted or declined) or withdrawn by the owner (cancelled);
 * nobody becomes a member without saying yes. ended_at/ended_by record who closed it and when.
 */
export class InvitationResponses1795400005100 implements MigrationInterface {
  name = 'InvitationResponses1795400005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX organisation_invitations_pending_uq`);
    await q.query(`DROP INDEX organisation_invitations_email_idx`);
    await q.query(`ALTER TABLE organisation_invitations RENAME COLUMN accepted_at TO ended_at`);
    await q.query(`ALTER TABLE organisation_invitations RENAME COLUMN accepted_by TO ended_by`);
    await q.query(`
      ALTER TABLE organisation_invitations
        ADD COLUMN status text NOT NULL DEFAULT 'pending'
          CONSTRAINT organisation_invitations_status_check
          CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled'))`);
    await q.query(`UPDATE organisation_invitations SET status = 'accepted' WHERE ended_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE organisation_invitations
        ADD CONSTRAINT organisation_invitations_ended_check CHECK ((status = 'pending') = (ended_at IS NULL))`);
    // One pending invitation per address per organisation: inviting twice is a conflict, not a duplicate.
    await q.query(`
      CREATE UNIQUE INDEX organisation_invitations_pending_uq
        ON organisation_invitations (organisation_id, email) WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX organisation_invitations_email_idx ON organisation_invitations (email) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX organisation_invitations_pending_uq`);
    await q.query(`DROP INDEX organisation_invitations_email_idx`);
    await q.query(`DELETE FROM organisation_invitations WHERE status IN ('declined', 'cancelled')`);
    await q.query(
      `ALTER TABLE organisation_invitations DROP CONSTRAINT organisation_invitations_ended_check`,
    );
    await q.query(`ALTER TABLE organisation_invitations DROP COLUMN status`);
    await q.query(`ALTER TABLE organisation_invitations RENAME COLUMN ended_at TO accepted_at`);
    await q.query(`ALTER TABLE organisation_invitations RENAME COLUMN ended_by TO accepted_by`);
    await q.query(`
      CREATE UNIQUE INDEX organisation_invitations_pending_uq
        ON organisation_invitations (organisation_id, email) WHERE accepted_at IS NULL`);
    await q.query(
      `CREATE INDEX organisation_invitations_email_idx ON organisation_invitations (email) WHERE accepted_at IS NULL`,
    );
  }
}
