import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mirrors `sign_in_attempts`, the throttle's memory. */
@Entity({ name: 'sign_in_attempts' })
export class SignInAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** The normalised email that was tried, registered or not: unknown emails are throttled the same way. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  ipAddress!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;
}
