import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Pence, penceTransformer } from '@grants/common';
import type { ConditionTiming } from '@grants/rounds';

export const DECISION_OUTCOMES = ['award', 'refuse'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface DecidedCondition {
  kind: 'standard' | 'special';
  timing: ConditionTiming;
  text: string;
}

/** What was decided, by whom, in which role, and why: immutable (a trigger), one per application. */
@Entity({ name: 'decisions' })
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  recommendationId!: string;

  @Column({ type: 'text' })
  outcome!: DecisionOutcome;

  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  amountPence!: Pence | null;

  @Column({ type: 'text' })
  reasons!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  conditions!: DecidedCondition[];

  @Column({ type: 'date', nullable: true })
  acceptanceDeadline!: string | null;

  @Column({ type: 'uuid' })
  decidedBy!: string;

  @Column({ type: 'text' })
  decidedRole!: string;

  @Column({ type: 'timestamptz' })
  decidedAt!: Date;
}
