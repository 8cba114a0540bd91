import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailTokenPurpose = 'verify_email' | 'password_reset';

/** Mirrors `email_tokens`: single-use, expiring, stored only as a SHA-256 of what was emailed. */
@Entity({ name: 'email_tokens' })
export class EmailToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  purpose!: EmailTokenPurpose;

  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** On a registration's verification token: the password chosen in that registration, set when it is followed. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  /** On a registration's verification token: the name given in that registration. */
  @Column({ type: 'text', nullable: true })
  displayName!: string | null;
}
