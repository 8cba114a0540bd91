import { Pence, penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FundingSourceKind = 'grant' | 'contribution' | 'external' | 'donation' | 'other';

export const FUNDING_SOURCE_KINDS: readonly FundingSourceKind[] = [
  'grant',
  'contribution',
  'external',
  'donation',
  'other',
];

/** Where a fund year's money comes from (a Home Office grant, a police fund contribution, ...). */
@Entity({ name: 'funding_sources' })
export class FundingSource {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  fundYearId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: FundingSourceKind;

  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
