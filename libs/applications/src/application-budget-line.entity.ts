import { Pence, penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BudgetCategory } from './application-answers';

@Entity({ name: 'application_budget_lines' })
export class ApplicationBudgetLine {
  @PrimaryColumn({ type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  category!: BudgetCategory;

  @Column({ type: 'bigint', transformer: penceTransformer })
  amountPence!: Pence;
}
