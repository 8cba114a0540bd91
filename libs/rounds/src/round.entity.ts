import { Pence, penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A call for applications: one fund year, one plan version, its own window and limits. */
@Entity({ name: 'rounds' })
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  fundYearId!: string;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  /** The "specified financial limit": the smallest and largest award this round makes. */
  @Column({ type: 'bigint', transformer: penceTransformer })
  minAwardPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer })
  maxAwardPence!: Pence;

  @Column({ type: 'int' })
  maxProjectMonths!: number;

  /** How many days an offer made in this round stays open for acceptance. */
  @Column({ type: 'int' })
  acceptanceWindowDays!: number;

  /** Awards longer than this many months report at their half-way point too; null: only the final report. */
  @Column({ type: 'int', nullable: true, default: 6 })
  interimReportOverMonths!: number | null;

  /** The final monitoring report is due this many days after the award's end date. */
  @Column({ type: 'int', default: 28 })
  finalReportDueDays!: number;

  /** Legal-form codes (LegalForm) the round accepts applications from; all of them by default. */
  @Column({ type: 'text', array: true })
  acceptedLegalForms!: string[];

  /** Cost categories the round does not fund, matched against budget lines' categories case-insensitively. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disallowedCostCategories!: string[];

  /** Null while the round is being set up: nobody outside the office sees it. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** The objectives the round funds (round_objectives), always filled in by RoundsService. */
  objectiveIds!: string[];
}
