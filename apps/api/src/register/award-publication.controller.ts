import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  ApprovePublicationDto,
  AwardPublicationsService,
  PublicationPreview,
  PublicationPreviewResponse,
  WithdrawPublicationDto,
} from '@grants/register';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

/** Officers decide what the public reads about an award, and see it before it is published. */
@ApiTags('register')
@Controller('awards/:id/publication')
export class AwardPublicationController {
  constructor(private readonly publications: AwardPublicationsService) {}

  @Get()
  @Roles(Role.Officer, Role.Approver, Role.Admin)
  @ApiOperation({
    summary:
      'Preview the register entry: what the register says now, what would be published, and why or why not',
  })
  @ApiOkResponse({ type: PublicationPreviewResponse })
  preview(@Param('id', ParseIdPipe) id: string): Promise<PublicationPreview> {
    return this.publications.preview(id);
  }

  @Put()
  @Roles(Role.Officer, Role.Approver)
  @ApiOperation({
    summary:
      'Approve the title and description the public will read; a published entry is corrected to match',
  })
  @ApiOkResponse({ type: PublicationPreviewResponse })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ApprovePublicationDto,
  ): Promise<PublicationPreview> {
    return this.publications.approveText(user, id, body);
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Roles(Role.Officer, Role.Approver)
  @ApiOperation({
    summary: 'Withdraw a published entry (say, published in error) with a public reason; final',
  })
  @ApiOkResponse({ type: PublicationPreviewResponse })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: WithdrawPublicationDto,
  ): Promise<PublicationPreview> {
    return this.publications.withdraw(user, id, body.reason);
  }
}
