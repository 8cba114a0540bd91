import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ScreenedRule, ScreeningOutcome } from './screening-rules';

/** An officer's screening of one application: the automatic result it started from and what was overridden. */
@Entity({ name: 'screenings' })
export class Screening {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  /** The stored eligibility snapshot the officer reviewed. */
  @Column({ type: 'uuid' })
  eligibilityResultId!: string;

  @Column({ type: 'text' })
  outcome!: ScreeningOutcome;

  /** Shown to the applicant; required when ineligible. */
  @Column({ type: 'text', nullable: true })
  reasons!: string | null;

  /** Every rule as screened: the automatic result beside the officer's, with the override's reason. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  overrides!: ScreenedRule[];

  @Column({ type: 'uuid' })
  screenedBy!: string;

  @Column({ type: 'timestamptz' })
  screenedAt!: Date;
}
