import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mirrors `outbox_messages`: a side effect written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ type: 'text' })
  jobName!: string;

  @Column({ type: 'text' })
  jobId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  @Column({ type: 'integer' })
  dispatchAttempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
