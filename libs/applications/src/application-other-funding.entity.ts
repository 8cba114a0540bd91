import { Pence, penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FundingStatus } from './application-answers';

@Entity({ name: 'application_other_funding' })
export class ApplicationOtherFunding {
  @PrimaryColumn({ type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  funderName!: string;

  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;

  @Column({ type: 'text' })
  status!: FundingStatus;
}
