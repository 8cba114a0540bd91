import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanVersionStatus } from './plan-version-status';

@Entity({ name: 'plan_versions' })
export class PlanVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: PlanVersionStatus;

  @Column({ type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
