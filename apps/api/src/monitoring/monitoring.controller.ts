import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  MonitoringReportListResponse,
  MonitoringReportResponse,
  MonitoringReportsService,
  MonitoringReportView,
  RescheduleReportDto,
  ReviewReportDto,
  SaveReportDto,
} from '@grants/monitoring';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('monitoring')
@Controller()
export class MonitoringController {
  constructor(private readonly reports: MonitoringReportsService) {}

  @Get('awards/:id/monitoring-reports')
  @ApiOperation({
    summary: "An award's monitoring reports, in order, with their due dates and status",
    description: 'Members of the grant holder and staff (404 otherwise).',
  })
  @ApiOkResponse({ type: MonitoringReportListResponse })
  async forAward(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: MonitoringReportView[] }> {
    return { items: await this.reports.forAward(user, id) };
  }

  @Get('monitoring-reports/:id')
  @ApiOperation({
    summary: 'One monitoring report: budget and spend, figures against targets, case studies, review',
  })
  @ApiOkResponse({ type: MonitoringReportResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MonitoringReportView> {
    return this.reports.get(user, id);
  }

  @Put('monitoring-reports/:id')
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Save the report as far as it goes (save and return), while it is due or sent back',
  })
  @ApiOkResponse({ type: MonitoringReportResponse })
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SaveReportDto,
  ): Promise<MonitoringReportView> {
    return this.reports.save(user, id, body);
  }

  @Post('monitoring-reports/:id/submit')
  @HttpCode(200)
  @Roles(Role.Applicant)
  @ApiOperation({ summary: 'Submit the report for review (422 listing what is missing)' })
  @ApiOkResponse({ type: MonitoringReportResponse })
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<MonitoringReportView> {
    return this.reports.submit(user, id);
  }

  @Post('monitoring-reports/:id/review')
  @HttpCode(200)
  @Roles(Role.Officer)
  @ApiOperation({
    summary: 'Accept the report or ask for changes; accepting the final report completes the award',
  })
  @ApiOkResponse({ type: MonitoringReportResponse })
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReviewReportDto,
  ): Promise<MonitoringReportView> {
    return this.reports.review(user, id, body);
  }

  @Patch('monitoring-reports/:id')
  @Roles(Role.Officer)
  @ApiOperation({ summary: "Move a report's due date or period (audited, with a reason); reminders follow" })
  @ApiOkResponse({ type: MonitoringReportResponse })
  reschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RescheduleReportDto,
  ): Promise<MonitoringReportView> {
    return this.reports.reschedule(user, id, body);
  }
}
