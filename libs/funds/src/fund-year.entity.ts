import { Pence, penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One financial year of a fund, with the cap nothing committed in it may exceed. */
@Entity({ name: 'fund_years' })
export class FundYear {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  fundId!: string;

  /** e.g. '2013/14' */
  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'bigint', transformer: penceTransformer })
  capPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0 })
  overAllocationTolerancePence!: Pence;

  /**
   * Totals of the ledger's entries, kept by a trigger on ledger_entries in the same statement as each entry;
   * CHECK constraints hold committed − released within cap + tolerance. Never written by application code.
   */
  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  committedPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  releasedPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  paidPence!: Pence;

  @Column({ type: 'bigint', transformer: penceTransformer, default: 0, insert: false, update: false })
  returnedPence!: Pence;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
