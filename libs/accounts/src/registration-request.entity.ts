import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mirrors `registration_requests`, the registration throttle's memory (one row per accepted request). */
@Entity({ name: 'registration_requests' })
export class RegistrationRequest {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** The normalised email registered, whether or not it has an account. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  ipAddress!: string;

  /** Whether this request was allowed to email the address; refused ones count towards the address cap only. */
  @Column({ type: 'boolean' })
  mailAllowed!: boolean;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;
}
