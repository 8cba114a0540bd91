import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { ScreeningDto, ScreeningResponse, ScreeningService, ScreeningView } from '@grants/assessment';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('screening and assessment')
@Controller('applications/:id/screening')
export class ScreeningController {
  constructor(private readonly screening: ScreeningService) {}

  @Post()
  @HttpCode(200)
  @Roles(Role.Officer)
  @ApiOperation({
    summary: 'Screen a submitted application: eligible (into assessment) or ineligible (with reasons)',
    description:
      'Starts from the eligibility result stored at the latest submission. Any rule may be overridden to ' +
      'pass or fail with a written reason (each override is audited beside the automatic result). Eligible ' +
      'needs every rule to stand at pass (422 naming each that does not); ineligible needs reasons the ' +
      'applicant will read. The officer must have declared no conflict of interest (403). 409 unless submitted.',
  })
  @ApiOkResponse({ type: ScreeningResponse })
  screen(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ScreeningDto,
  ): Promise<ScreeningView> {
    return this.screening.screen(user, id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'The screening outcome',
    description:
      'Members of the applying organisation see the outcome, the reasons and each rule as screened; officers ' +
      'also see the overrides’ reasons, who screened and the eligibility result used. 404 before screening.',
  })
  @ApiOkResponse({ type: ScreeningResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ScreeningView> {
    return this.screening.get(user, id);
  }
}
