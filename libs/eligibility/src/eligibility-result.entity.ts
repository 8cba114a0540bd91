import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EligibilityOutcome, RuleResult } from './eligibility-rules';

/** What the rules said at one submission, tied to the plan version: immutable (a trigger refuses changes). */
@Entity({ name: 'eligibility_results' })
export class EligibilityResult {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  submissionId!: string;

  @Column({ type: 'int' })
  submissionVersion!: number;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ type: 'text' })
  outcome!: EligibilityOutcome;

  @Column({ type: 'jsonb' })
  results!: RuleResult[];
}
