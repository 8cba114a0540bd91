import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Pence, penceTransformer } from '@grants/common';
import { ModeratedScore, ObjectiveReason, RecommendationOutcome } from './assessment-rules';

/**
 * The lead officer's moderated result and recommendation: immutable (a trigger refuses changes). Its reasons,
 * tied to the objectives, are what the register publishes as the grant's reasons.
 */
@Entity({ name: 'recommendations' })
export class Recommendation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  outcome!: RecommendationOutcome;

  /** 0 when refusing. */
  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;

  /** Sum of moderated score × weight; with maxPoints it gives the weighted score without floats. */
  @Column({ type: 'int' })
  weightedPoints!: number;

  @Column({ type: 'int' })
  maxPoints!: number;

  @Column({ type: 'jsonb' })
  moderatedScores!: ModeratedScore[];

  @Column({ type: 'jsonb' })
  reasons!: ObjectiveReason[];

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
