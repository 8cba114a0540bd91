import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type MemberRole = 'owner' | 'member';

@Entity({ name: 'organisation_members' })
export class OrganisationMember {
  @PrimaryColumn({ type: 'uuid' })
  organisationId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt!: Date;
}
