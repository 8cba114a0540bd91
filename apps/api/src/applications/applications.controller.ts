import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  ApplicationDraftsService,
  ApplicationEligibilityService,
  ApplicationPageResponse,
  ApplicationQueries,
  ApplicationResponse,
  ApplicationSubmissionListResponse,
  ApplicationSubmission,
  ApplicationSubmissionService,
  ApplicationSummary,
  ApplicationView,
  ApplicationWithdrawalService,
  CreateApplicationDto,
  ListApplicationsQueryDto,
  TimelineEntry,
  TimelineResponse,
  UpdateApplicationDto,
  WithdrawApplicationDto,
} from '@grants/applications';
import { Page } from '@grants/common';
import {
  EligibilityCheckResponse,
  EligibilityReport,
  EligibilityResult,
  EligibilityResultListResponse,
} from '@grants/eligibility';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly drafts: ApplicationDraftsService,
    private readonly submission: ApplicationSubmissionService,
    private readonly withdrawal: ApplicationWithdrawalService,
    private readonly queries: ApplicationQueries,
    private readonly eligibility: ApplicationEligibilityService,
  ) {}

  @Post()
  @Roles(Role.Applicant)
  @ApiOperation({
    summary: 'Start a draft application for an organisation to an open round',
    description:
      'The caller must be a member of the organisation (404 otherwise); the round must be open (422 otherwise). ' +
      'The draft gets a reference number such as CSF-2026-000123.',
  })
  @ApiCreatedResponse({ type: ApplicationResponse, description: 'The new draft' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateApplicationDto): Promise<ApplicationView> {
    return this.drafts.create(user, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Applications: the caller’s organisations’ (applicants) or all submitted ones (officers)',
    description:
      'Officers see every application once it has been submitted, never drafts (drafts are the applicant’s ' +
      'private work; status=draft from an officer is a 400). Newest first, paginated with limit and cursor.',
  })
  @ApiOkResponse({ type: ApplicationPageResponse })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<Page<ApplicationSummary>> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One application with all its answers',
    description: 'Members of the applying organisation; officers once it has been submitted (404 otherwise).',
  })
  @ApiOkResponse({ type: ApplicationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ApplicationView> {
    return this.queries.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Save draft answers (partial; incomplete is fine)',
    description:
      'Absent fields are unchanged, null clears a value, a list replaces the whole list. Objectives must be ' +
      'ones the round funds and measures must belong to them (422); area codes must exist (400). 409 once the ' +
      'application is submitted or the round has closed.',
  })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The draft as saved' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.drafts.update(user, id, body);
  }

  @Post(':id/eligibility-check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dry run: check the current answers against the round’s eligibility rules, changing nothing',
    description:
      'Members of the applying organisation (any status, drafts included); officers once it has been submitted. ' +
      'Each rule gives pass, fail or needs_review with a plain-English reason and the evidence it looked at. ' +
      'Submission runs the same rules and keeps the result (GET /applications/:id/eligibility).',
  })
  @ApiOkResponse({ type: EligibilityCheckResponse })
  eligibilityCheck(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<EligibilityReport> {
    return this.eligibility.dryRun(user, id);
  }

  @Get(':id/eligibility')
  @ApiOperation({
    summary: 'The eligibility results stored at each submission (immutable, tied to the plan version)',
    description: 'Members of the applying organisation; officers once it has been submitted (404 otherwise).',
  })
  @ApiOkResponse({ type: EligibilityResultListResponse })
  async eligibilitySnapshots(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: EligibilityResult[] }> {
    return { items: await this.eligibility.snapshots(user, id) };
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit the application',
    description:
      'Checks every answer (422 with errors[] naming each missing or wrong one) and that the round is open (422), ' +
      'then records the submission immutably. 409 if it is not a draft.',
  })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The application, now submitted' })
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ApplicationView> {
    return this.submission.submit(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application (any time before a decision), optionally saying why' })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The application, now withdrawn' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: WithdrawApplicationDto,
  ): Promise<ApplicationView> {
    return this.withdrawal.withdraw(user, id, body.reason);
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'Who did what to the application, when and why, oldest first (from the audit log)',
    description:
      'Applicants get who, in which role, when, the action, the statuses and the reason; officers also get ' +
      'each entry’s recorded details (data).',
  })
  @ApiOkResponse({ type: TimelineResponse })
  timeline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: TimelineEntry[] }> {
    return this.queries.timeline(user, id);
  }

  @Get(':id/submissions')
  @ApiOperation({ summary: 'The immutable record of each submission: every answer as it was submitted' })
  @ApiOkResponse({ type: ApplicationSubmissionListResponse })
  async submissions(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: ApplicationSubmission[] }> {
    return { items: await this.queries.submissions(user, id) };
  }
}
