import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConditionTiming } from '@grants/rounds';

export const CONDITION_STATUSES = ['pending', 'met', 'waived'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/** One condition of an award: the round's standard ones and the award's special ones. */
@Entity({ name: 'award_conditions' })
export class AwardCondition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  kind!: 'standard' | 'special';

  @Column({ type: 'text' })
  timing!: ConditionTiming;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: ConditionStatus;

  /** The evidence that it is met, or the reason it was waived or reopened. */
  @Column({ type: 'text', nullable: true })
  statusNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  statusChangedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;
}
