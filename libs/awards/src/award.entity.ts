import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Pence, penceTransformer } from '@grants/common';
import { AwardStatus } from './award-status';

/**
 * A conditional, one-off award. paidPence and returnedPence are kept by the ledger's trigger (never written
 * here); CHECK constraints hold payments within the amount and returns within payments.
 */
@Entity({ name: 'awards' })
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'uuid' })
  decisionId!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'uuid' })
  fundYearId!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  status!: AwardStatus;

  @Column({ type: 'bigint', transformer: penceTransformer })
  offeredAmountPence!: Pence;

  /** The amount now: the offer, less any reducing variation. */
  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  paidPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  returnedPence!: Pence;

  /** The last day (Europe/London) the offer can be accepted. */
  @Column({ type: 'date' })
  acceptanceDeadline!: string;

  @Column({ type: 'date' })
  endDate!: string;

  @Column({ type: 'timestamptz' })
  offeredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  signatoryName!: string | null;

  @Column({ type: 'text', nullable: true })
  signatoryPosition!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Declared in the final report: paid to the grant holder and not spent, so due back. */
  @Column({ type: 'bigint', transformer: penceTransformer, nullable: true })
  unspentPence!: Pence | null;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0 })
  repaymentDuePence!: Pence;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
