import { Column, Entity, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { DocumentKind } from './document-kind';

const sizeTransformer: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A supporting document of an application. Deleting one (only while the application is a draft) removes
 * the row and the stored bytes; the audit log keeps what was deleted (name, kind, type, size, SHA-256).
 */
@Entity({ name: 'application_documents' })
export class ApplicationDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  /** Sanitised (see sanitiseFileName); shown and sent back on download, never used as a path. */
  @Column({ type: 'text' })
  fileName!: string;

  /** Where the bytes are in the DocumentStorage; made up by the service. */
  @Column({ type: 'text' })
  storageKey!: string;

  /** Detected from the content's magic bytes, not taken from the upload's Content-Type. */
  @Column({ type: 'text' })
  mediaType!: string;

  @Column({ type: 'bigint', transformer: sizeTransformer })
  sizeBytes!: number;

  /** Lowercase hex SHA-256 of the bytes, so anyone can check a download is what was uploaded. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @Column({ type: 'timestamptz' })
  uploadedAt!: Date;
}
