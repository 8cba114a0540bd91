import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending until the invitee accepts or declines it, or the owner cancels it. Only ever accepted by the
 * invitee's own explicit request: nobody is added to an organisation without saying yes.
 */
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

/** An owner's invitation to an email address, whether or not anyone has an account with it. */
@Entity({ name: 'organisation_invitations' })
export class OrganisationInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  /** Stored lower-case, as typed addresses are compared case-insensitively. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'uuid' })
  invitedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'pending' })
  status!: InvitationStatus;

  /** When it stopped being pending, and who ended it (the invitee, or the owner who cancelled it). */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedBy!: string | null;
}
