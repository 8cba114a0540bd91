import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One assessor's score (0–5) and comment on one criterion; a trigger refuses changes once submitted. */
@Entity({ name: 'assessment_scores' })
export class AssessmentScore {
  @PrimaryColumn({ type: 'uuid' })
  assignmentId!: string;

  @PrimaryColumn({ type: 'uuid' })
  criterionId!: string;

  @Column({ type: 'int', nullable: true })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
