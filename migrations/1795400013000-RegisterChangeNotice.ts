import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write to the register's entries or their history announces itself on the `register_changed`
 * channel, delivered when the writing transaction commits. The API keeps recently read entries in memory
 * and drops them on that notice; a trigger rather than a call in each writer, so no writer can forget.
 */
export class RegisterChangeNotice1795400013000 implements MigrationInterface {
  name = 'RegisterChangeNotice1795400013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION register_changed_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One notice per transaction: PostgreSQL folds identical notices on a channel until commit.
        PERFORM pg_notify('register_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of ['register_entries', 'register_entry_versions']) {
      await q.query(`
        CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION register_changed_notice()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['register_entries', 'register_entry_versions']) {
      await q.query(`DROP TRIGGER ${table}_changed ON ${table}`);
    }
    await q.query(`DROP FUNCTION register_changed_notice()`);
  }
}
