import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_FORMS, LegalForm } from './legal-form';
import { InvitationStatus } from './organisation-invitation.entity';
import { MemberRole } from './organisation-member.entity';

/** Response shapes, for the OpenAPI document only: they mirror the services' views. */

const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'member'];
const INVITATION_STATUSES: readonly InvitationStatus[] = ['pending', 'accepted', 'declined', 'cancelled'];

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid', example: '5d1f3c2a-8b4e-4f6a-9c7d-2e1b0a9f8c31' }) id!: string;
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' }) name!: string;
  @ApiProperty({ enum: LEGAL_FORMS, example: LegalForm.ConstitutedCommunityGroup }) legalForm!: LegalForm;
  @ApiProperty({ example: 'Constituted community group' }) legalFormLabel!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Normalised charity number' })
  charityNumber!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Companies House number, 8 characters',
  })
  companyNumber!: string | null;
  @ApiProperty({ example: '12 Church Street' }) addressLine1!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Great Malvern' }) addressLine2!: string | null;
  @ApiProperty({ example: 'Malvern' }) town!: string;
  @ApiProperty({ example: 'WR14 2AY', description: 'Uppercase with one space' }) postcode!: string;
  @ApiProperty({ example: 'E07000235', description: 'The local authority area it works in (see GET /areas)' })
  localAuthorityCode!: string;
  @ApiProperty({ type: String, nullable: true, example: 'secretary@mhnwa.org.uk' }) contactEmail!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '01684 892345' }) contactPhone!: string | null;
  @ApiProperty({
    example: false,
    description: 'Published on the register with its area only, never its address (a refuge, say)',
  })
  sensitive!: boolean;
  @ApiProperty({
    type: String,
    enum: MEMBER_ROLES,
    nullable: true,
    example: 'owner',
    description: "The caller's role in the organisation; null for an officer who is not a member",
  })
  myRole!: MemberRole | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-14T10:12:31.204Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-20T18:45:02.517Z' }) updatedAt!: string;
}

export class OrganisationPageResponse {
  @ApiProperty({ type: [OrganisationResponse] }) items!: OrganisationResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class OrganisationListResponse {
  @ApiProperty({ type: [OrganisationResponse] }) items!: OrganisationResponse[];
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid', example: '4b7c1f0e-2d53-4e8a-9a51-0f6c2e1d9b11' }) userId!: string;
  @ApiProperty({ example: 'Janet Hughes' }) displayName!: string;
  @ApiProperty({ example: 'secretary@mhnwa.org.uk' }) email!: string;
  @ApiProperty({ enum: MEMBER_ROLES, example: 'owner' }) role!: MemberRole;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-14T10:12:31.204Z' }) joinedAt!: string;
}

export class PendingInvitationResponse {
  @ApiProperty({ format: 'uuid', example: 'a3e9c1b7-64d2-4f0e-8b5a-7c2d9e1f4a60' }) id!: string;
  @ApiProperty({ example: 'treasurer@mhnwa.org.uk', description: 'Stored lower-case' }) email!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-21T09:03:44.118Z' }) invitedAt!: string;
}

export class MembersResponse {
  @ApiProperty({ type: [MemberResponse], description: 'Owners first, then by when they joined' })
  members!: MemberResponse[];
  @ApiProperty({ type: [PendingInvitationResponse], description: 'Oldest first' })
  pendingInvitations!: PendingInvitationResponse[];
}

export class InviteOutcomeResponse {
  @ApiProperty({
    enum: ['invited'],
    example: 'invited',
    description: 'Always invited, whether or not anyone has an account with the address',
  })
  outcome!: 'invited';
  @ApiProperty({ format: 'uuid', example: 'a3e9c1b7-64d2-4f0e-8b5a-7c2d9e1f4a60' }) invitationId!: string;
  @ApiProperty({ example: 'treasurer@mhnwa.org.uk', description: 'Normalised to lower case' }) email!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-21T09:03:44.118Z' }) invitedAt!: string;
}

export class MyInvitationResponse {
  @ApiProperty({ format: 'uuid', example: 'a3e9c1b7-64d2-4f0e-8b5a-7c2d9e1f4a60' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '5d1f3c2a-8b4e-4f6a-9c7d-2e1b0a9f8c31' }) organisationId!: string;
  @ApiProperty({ example: 'Malvern Hills Neighbourhood Watch Association' }) organisationName!: string;
  @ApiProperty({ example: 'Janet Hughes', description: 'Display name of the owner who invited you' })
  invitedBy!: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-21T09:03:44.118Z' }) invitedAt!: string;
  @ApiProperty({ enum: INVITATION_STATUSES, example: 'pending' }) status!: InvitationStatus;
}

export class MyInvitationListResponse {
  @ApiProperty({ type: [MyInvitationResponse], description: 'Pending invitations, oldest first' })
  items!: MyInvitationResponse[];
}
