import { penceTransformer } from '@grants/common';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

/** Mirrors the `users` table (migration 1795400001000-Accounts). */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always lower-cased; the database refuses anything else. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** Null for staff accounts whose owner has not yet set a password through the emailed link. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** An approver's delegated limit; null means no limit (the Commissioner). */
  @Column({ type: 'bigint', nullable: true, transformer: penceTransformer })
  approvalLimitPence!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
