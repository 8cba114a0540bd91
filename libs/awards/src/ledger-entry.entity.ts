import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Pence, penceTransformer } from '@grants/common';
import { LedgerKind } from '@grants/funds';

/** One movement of a fund year's money, append-only (a trigger); its totals are kept on the fund year and award. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  fundYearId!: string;

  @Column({ type: 'uuid' })
  awardId!: string;

  @Column({ type: 'text' })
  kind!: LedgerKind;

  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;

  /** Why the money moved: award, decline, lapse, variation, revocation, payment, return. */
  @Column({ type: 'text' })
  cause!: string;

  /** A payment's or return's own reference (bank, remittance). */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
