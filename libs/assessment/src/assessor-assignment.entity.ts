import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An officer assigned to score one application; submittedAt freezes their scores. */
@Entity({ name: 'assessor_assignments' })
export class AssessorAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  assessorId!: string;

  @Column({ type: 'uuid' })
  assignedBy!: string;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;
}
