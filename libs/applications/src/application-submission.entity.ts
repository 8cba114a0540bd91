import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What was submitted, exactly as it was: immutable (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'application_submissions' })
export class ApplicationSubmission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  /** 1 for the first submission; later ones come from responses to information requests. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'jsonb' })
  answers!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'uuid' })
  submittedBy!: string;
}
