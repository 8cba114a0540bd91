import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supporting documents of an application: what each is (kind, sanitised name, detected type, size, SHA-256)
 * and where its bytes are in the document storage. Deletion is a hard delete (allowed only on drafts); the
 * audit log keeps what was deleted. Storage keys are unique so two rows can never share (and delete) a file.
 */
export class Documents1795400006100 implements MigrationInterface {
  name = 'Documents1795400006100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL
          CONSTRAINT application_documents_application_fk REFERENCES applications (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT application_documents_kind_check CHECK (kind IN (
          'governing_document', 'accounts_or_bank_statement', 'safeguarding_policy', 'constitution', 'other')),
        file_name text NOT NULL CONSTRAINT application_documents_file_name_check
          CHECK (length(file_name) BETWEEN 1 AND 255 AND file_name !~ '[/\\\\]'),
        storage_key text NOT NULL CONSTRAINT application_documents_storage_key_uq UNIQUE,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CONSTRAINT application_documents_size_check CHECK (size_bytes > 0),
        sha256 text NOT NULL CONSTRAINT application_documents_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by uuid NOT NULL CONSTRAINT application_documents_uploaded_by_fk REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX application_documents_application_idx ON application_documents (application_id, uploaded_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_documents`);
  }
}
