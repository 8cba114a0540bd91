import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { Page } from '@grants/common';
import {
  CreateOrganisationDto,
  InviteMemberDto,
  InviteOutcome,
  ListQueryDto,
  MembersView,
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
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Describe an organisation (the caller becomes its owner)',
    description:
      'Charity and company numbers are validated and normalised (company numbers padded to 8 characters); ' +
      'which numbers are required depends on the legal form (422 when they do not fit).',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: "The caller's organisations (officers: all organisations)" })
  list(@CurrentUser() user: AuthUser, @Query() query: ListQueryDto): Promise<Page<OrganisationView>> {
    return this.organisations.list(user, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation (404 unless the caller is a member or an officer)' })
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
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return this.organisations.update(user, id, body);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'Members and pending invitations of an organisation' })
  members(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MembersView> {
    return this.organisations.members(user, id);
  }

  @Post(':id/members')
  @HttpCode(201)
  @ApiOperation({
    summary: 'The owner adds a member by email',
    description:
      'If someone is registered with the address they become a member at once (outcome member_added); otherwise ' +
      'an invitation is stored and emailed (outcome invitation_sent) and they become a member when they first ' +
      'use the service signed in with that address. 409 if already a member or already invited.',
  })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: InviteMemberDto,
  ): Promise<InviteOutcome> {
    return this.organisations.invite(user, id, body.email);
  }
}
