import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `sending` is claimed and in progress (or waiting to retry); `failed` is final and shown to officers. */
export type EmailStatus = 'sending' | 'sent' | 'failed';

/** Mirrors `email_messages`: one row per email the service tried to send, so "did they get it?" has an answer. */
@Entity({ name: 'email_messages' })
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'text' })
  subject!: string;

  /**
   * The text part, for its recipient to read again: kept for the worker's notices only. Emails with a
   * one-time link (verification, password reset, staff set-up) keep none, so no reader of the table can use one.
   */
  @Column({ type: 'text', nullable: true })
  textBody!: string | null;

  @Column({ type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ type: 'text' })
  status!: EmailStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', nullable: true })
  relatedSubjectType!: string | null;

  @Column({ type: 'uuid', nullable: true })
  relatedSubjectId!: string | null;

  /** Which event, reminder and recipient this is: the worker sends each key at most once. */
  @Column({ type: 'text', nullable: true })
  dedupeKey!: string | null;

  /** While a worker is sending it: nobody else may until then (a stalled job's second runner waits). */
  @Column({ type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
