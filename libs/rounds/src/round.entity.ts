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
