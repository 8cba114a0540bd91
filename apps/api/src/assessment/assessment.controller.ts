import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  AssessmentResponse,
  AssessmentsOverview,
  AssessmentsOverviewResponse,
  AssessmentsService,
  AssessmentView,
  AssessorsService,
  AssignAssessorsDto,
  AssignmentListResponse,
  AssignmentView,
  ConflictDeclarationDto,
  ConflictDeclarationListResponse,
  ConflictDeclarationResponse,
  ConflictDeclarationView,
  ConflictsService,
  RecommendationDto,
  RecommendationResponse,
  RecommendationsService,
  RecommendationView,
  SaveAssessmentDto,
} from '@grants/assessment';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

/** Officers only: applicants never see scores, assessors or conflicts. */
@ApiTags('screening and assessment')
@Controller('applications/:id')
@Roles(Role.Officer)
export class AssessmentController {
  constructor(
    private readonly conflicts: ConflictsService,
    private readonly assessors: AssessorsService,
    private readonly assessments: AssessmentsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Post('conflict-declarations')
  @Roles(Role.Officer, Role.Approver)
  @ApiOperation({
    summary: 'Declare whether you have a conflict of interest in the application',
    description:
      'Needed before you screen it, see or give scores, or moderate it. A declared conflict (with details) ' +
      'removes you from scoring and deciding this application and cannot be withdrawn; "no conflict" may ' +
      'later become a conflict (409 for any other change).',
  })
  @ApiCreatedResponse({ type: ConflictDeclarationResponse })
  declare(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ConflictDeclarationDto,
  ): Promise<ConflictDeclarationView> {
    return this.conflicts.declare(user, id, body);
  }

  @Get('conflict-declarations')
  @Roles(Role.Officer, Role.Approver)
  @ApiOperation({ summary: 'Every conflict-of-interest declaration on the application, oldest first' })
  @ApiOkResponse({ type: ConflictDeclarationListResponse })
  async listDeclarations(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: ConflictDeclarationView[] }> {
    return { items: await this.conflicts.list(user, id) };
  }

  @Post('assessors')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign assessors',
    description:
      'While in assessment (409 otherwise). Each must be an active officer, not already assigned, without ' +
      'a declared conflict in this application (422 naming each that is not). Answers every assignment.',
  })
  @ApiOkResponse({ type: AssignmentListResponse })
  async assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AssignAssessorsDto,
  ): Promise<{ items: AssignmentView[] }> {
    return { items: await this.assessors.assign(user, id, body.assessorIds) };
  }

  @Get('assessors')
  @ApiOperation({ summary: 'The assessors assigned and where each stands' })
  @ApiOkResponse({ type: AssignmentListResponse })
  async listAssessors(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<{ items: AssignmentView[] }> {
    return { items: await this.assessors.list(user, id) };
  }

  @Delete('assessors/:assessorId')
  @ApiOperation({
    summary: 'Take an assessor off the application before they submit',
    description: 'Their unsubmitted scores go with them; a submitted assessment stays (409). Audited.',
  })
  @ApiOkResponse({ type: AssignmentListResponse })
  async unassign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('assessorId', ParseIdPipe) assessorId: string,
  ): Promise<{ items: AssignmentView[] }> {
    return { items: await this.assessors.unassign(user, id, assessorId) };
  }

  @Put('assessments/mine')
  @ApiOperation({
    summary: 'Save your scores (0–5 with a comment per criterion), and optionally submit them',
    description:
      'For an assigned assessor who has declared no conflict (403 otherwise), while in assessment. Saving ' +
      'may be partial; submitting needs a score and a comment for every criterion (422) and freezes them (409 after).',
  })
  @ApiOkResponse({ type: AssessmentResponse })
  saveMine(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SaveAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.saveMine(user, id, {
      scores: body.scores,
      submit: body.submit ?? false,
    });
  }

  @Get('assessments')
  @ApiOperation({
    summary: 'The criteria and every assessment, as far as you may see them',
    description:
      'You must have declared no conflict (403). An assessor still scoring sees only their own scores; ' +
      'once they submit, and for everyone else, every submitted assessment and the mean per criterion.',
  })
  @ApiOkResponse({ type: AssessmentsOverviewResponse })
  overview(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<AssessmentsOverview> {
    return this.assessments.overview(user, id);
  }

  @Post('recommendation')
  @ApiOperation({
    summary: 'Record the moderated result and the recommendation',
    description:
      'The lead officer, with no declared conflict (403), once every assessor without a conflict has ' +
      'submitted (409). A moderated score for every criterion; fund in full, fund in part (amountPence) or ' +
      'refuse; reasons tied to objectives the application serves, which the register publishes. The ' +
      'application becomes recommended; the recommendation cannot change afterwards.',
  })
  @ApiCreatedResponse({ type: RecommendationResponse })
  recommend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RecommendationDto,
  ): Promise<RecommendationView> {
    return this.recommendations.recommend(user, id, {
      ...body,
      moderatedScores: body.moderatedScores.map((s) => ({
        criterionId: s.criterionId,
        score: s.score ?? null,
        comment: s.comment ?? null,
      })),
    });
  }

  @Get('recommendation')
  @Roles(Role.Officer, Role.Approver)
  @ApiOperation({
    summary:
      'The recommendation, with the one-off rule’s flag and any earlier award it names (404 before one)',
    description: 'Officers and approvers who have declared no conflict of interest (403).',
  })
  @ApiOkResponse({ type: RecommendationResponse })
  recommendation(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<RecommendationView> {
    return this.recommendations.get(user, id);
  }
}
