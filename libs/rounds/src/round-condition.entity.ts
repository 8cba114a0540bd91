import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConditionTiming } from './standard-conditions';

/** One standard condition of a round: copied into every award the round makes. */
@Entity({ name: 'round_conditions' })
export class RoundCondition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  timing!: ConditionTiming;
}
