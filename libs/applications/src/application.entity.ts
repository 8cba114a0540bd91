import { penceTransformer, Pence } from '@grants/common';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Activity } from './application-answers';
import { ApplicationStatus, InformationReturnStatus } from './application-status';

/**
 * The application's working copy. Lists that point at reference data (objectives, measures, areas) and lists
 * of money (budget, co-funding) live in child tables so foreign keys and CHECKs guard them; activities are
 * free text and live here as jsonb.
 */
@Entity({ name: 'applications' })
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  /** The plan version the round funds: the one the application is judged against, even after a variation. */
  @Column({ type: 'uuid' })
  planVersionId!: string;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  /** While information_requested: the status the applicant's response returns it to. */
  @Column({ type: 'text', nullable: true })
  statusBeforeInformationRequest!: InformationReturnStatus | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  activities!: Activity[];

  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  amountRequestedPence!: Pence | null;

  @Column({ type: 'text', nullable: true })
  exitPlan!: string | null;

  @Column({ type: 'boolean', default: false })
  safeguardingConfirmed!: boolean;

  @Column({ type: 'text', nullable: true })
  safeguardingPolicyNotes!: string | null;

  /** Whether the project involves children or adults at risk (a safeguarding policy is then required). */
  @Column({ type: 'boolean', nullable: true })
  involvesChildrenOrAdultsAtRisk!: boolean | null;

  /** The proportionate checklist a small unregistered group answers instead of giving registry numbers. */
  @Column({ type: 'boolean', nullable: true, name: 'group_constitution_dissolution_clause' })
  groupConstitutionHasDissolutionClause!: boolean | null;

  @Column({ type: 'int', nullable: true })
  groupUnrelatedCommitteeMembers!: number | null;

  @Column({ type: 'boolean', nullable: true, name: 'group_bank_account_in_name' })
  groupBankAccountInGroupName!: boolean | null;

  @Column({ type: 'boolean', default: false })
  declarationInformationTrue!: boolean;

  @Column({ type: 'boolean', default: false })
  declarationOneOffUnderstood!: boolean;

  @Column({ type: 'boolean', default: false })
  declarationConditionsUnderstood!: boolean;

  @Column({ type: 'boolean', default: false })
  declarationDataProtection!: boolean;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;
}
