import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  ApplicationResponse,
  ApplicationView,
  CreateInformationRequestDto,
  InformationRequestListResponse,
  InformationRequestResponse,
  InformationRequestsService,
  InformationRequestView,
  InformationResponseDto,
} from '@grants/applications';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('screening and assessment')
@Controller('applications/:id/information-requests')
export class InformationRequestsController {
  constructor(private readonly requests: InformationRequestsService) {}

  @Post()
  @Roles(Role.Officer)
  @ApiOperation({
    summary: 'Ask the applicant for more information on named answers',
    description:
      'From submitted or in_assessment (409 otherwise); the application becomes information_requested and ' +
      'the applicant may change only the named answers (and upload documents if `documents` is named) until ' +
      'they respond, when it returns to where it was. One open request at a time.',
  })
  @ApiCreatedResponse({ type: InformationRequestResponse })
  request(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateInformationRequestDto,
  ): Promise<InformationRequestView> {
    return this.requests.request(user, id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'The information requests made on an application, oldest first',
    description: 'Members of the applying organisation and officers (404 otherwise).',
  })
  @ApiOkResponse({ type: InformationRequestListResponse })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: InformationRequestView[] }> {
    return { items: await this.requests.list(user, id) };
  }

  @Post(':requestId/response')
  @HttpCode(200)
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Respond to an open information request',
    description:
      'Members of the applying organisation. The reopened answers are checked as at submission (422 naming ' +
      'each problem); a new submission version and eligibility snapshot are recorded, and the application ' +
      'returns to the status it was in when the request was made.',
  })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The application, back where it was' })
  respond(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('requestId', ParseIdPipe) requestId: string,
    @Body() body: InformationResponseDto,
  ): Promise<ApplicationView> {
    return this.requests.respond(user, id, requestId, body.response);
  }
}
