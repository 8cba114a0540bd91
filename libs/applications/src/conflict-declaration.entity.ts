import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Whether one officer has a conflict of interest in one application; a declared conflict is final. */
@Entity({ name: 'conflict_declarations' })
export class ConflictDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'boolean' })
  hasConflict!: boolean;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ type: 'timestamptz' })
  declaredAt!: Date;
}
