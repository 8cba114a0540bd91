import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { Page } from '@grants/common';
import {
  CreateOrganisationDto,
  InvitationsService,
  InviteMemberDto,
  InviteOutcome,
  InviteOutcomeResponse,
  ListQueryDto,
  MembersResponse,
  MembersView,
  OrganisationPageResponse,
  OrganisationResponse,
  OrganisationsService,
  OrganisationView,
  UpdateOrganisationDto,
} from '@grants/organisations';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Describe an organisation (the caller becomes its owner)',
    description:
      'Charity and company numbers are validated and normalised (company numbers padded to 8 characters); ' +
      'which numbers are required depends on the legal form (422 when they do not fit).',
  })
  @ApiCreatedResponse({ type: OrganisationResponse })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: "The caller's organisations (officers: all organisations)" })
  @ApiOkResponse({ type: OrganisationPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListQueryDto): Promise<Page<OrganisationView>> {
    return this.organisations.list(user, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation (404 unless the caller is a member or an officer)' })
  @ApiOkResponse({ type: OrganisationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<OrganisationView> {
    return this.organisations.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an organisation (members; legal details owner only)',
    description:
      'Any member may change the address and contact details. Only the owner may change the name, legal form, ' +
      'charity number or company number (403 for other members), because they identify who a grant is paid to.',
  })
  @ApiOkResponse({ type: OrganisationResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(user, id, body);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Members and pending invitations of an organisation' })
  @ApiOkResponse({ type: MembersResponse })
  members(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MembersView> {
    return this.organisations.members(user, id);
  }

  @Post(':id/members')
  @HttpCode(202)
  @ApiOperation({
    summary: 'The owner invites someone by email',
    description:
      'Always stores a pending invitation and always answers the same (202, outcome invited), whether or not ' +
      'anyone is registered with the address, so inviting reveals nothing about who has an account. An email ' +
      'goes to the address (sign in and accept, or register and accept). Nobody becomes a member until they ' +
      'accept it themselves (POST /me/invitations/{id}/accept). Staff accounts can never accept. ' +
      '409 if the address is already a member or already has a pending invitation.',
  })
  @ApiAcceptedResponse({ type: InviteOutcomeResponse })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: InviteMemberDto,
  ): Promise<InviteOutcome> {
    return this.invitations.invite(user, id, body.email);
  }

  @Delete(':id/members/:userId')
  @Roles(Role.Applicant)
  @HttpCode(204)
  @ApiOperation({
    summary: 'The owner removes a member',
    description:
      '404 if the user is not a member; 409 when it would leave the organisation without an owner.',
  })
  @ApiNoContentResponse({ description: 'The member has been removed' })
  async removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<void> {
    await this.organisations.removeMember(user, id, userId);
  }

  @Delete(':id/invitations/:invitationId')
  @Roles(Role.Applicant)
  @HttpCode(204)
  @ApiOperation({
    summary: 'The owner cancels a pending invitation',
    description:
      'Cancelling one already cancelled changes nothing (204); 409 once it has been accepted or declined.',
  })
  @ApiNoContentResponse({ description: 'The invitation is cancelled' })
  async cancelInvitation(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('invitationId', ParseIdPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.cancel(user, id, invitationId);
  }
}
