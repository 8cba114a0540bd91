import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  InvitationsService,
  MyInvitationListResponse,
  MyInvitationResponse,
  MyInvitationView,
} from '@grants/organisations';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

/**
 * The invitee's side of an invitation. Only applicants: staff accounts (officer, approver, finance, admin)
 * can never be members of an applicant organisation, so these routes answer them 403.
 */
@ApiTags('accounts')
@Controller('me/invitations')
export class MeInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Pending invitations to join organisations, addressed to my verified email address',
  })
  @ApiOkResponse({ type: MyInvitationListResponse })
  async list(@CurrentUser() user: AuthUser): Promise<{ items: MyInvitationView[] }> {
    return { items: await this.invitations.mine(user) };
  }

  @Post(':id/accept')
  @Roles(Role.Applicant)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation: I become a member of the organisation',
    description:
      'Accepting twice (or twice at once) has the effect of accepting once. 404 for an invitation not addressed ' +
      'to my verified email; 409 once it has been declined or cancelled; 403 for staff accounts, which cannot ' +
      'be members of an applicant organisation.',
  })
  @ApiOkResponse({ type: MyInvitationResponse, description: 'The invitation, now accepted' })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MyInvitationView> {
    return this.invitations.accept(user, id);
  }

  @Post(':id/decline')
  @Roles(Role.Applicant)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline an invitation',
    description: 'Declining twice changes nothing; 409 once it has been accepted or cancelled.',
  })
  @ApiOkResponse({ type: MyInvitationResponse, description: 'The invitation, now declined' })
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MyInvitationView> {
    return this.invitations.decline(user, id);
  }
}
