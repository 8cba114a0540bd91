import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import {
  Aim,
  AimResponse,
  CreateAimDto,
  CreateMeasureDto,
  CreateObjectiveDto,
  CreatePlanVersionDto,
  ObjectiveWithMeasures,
  ObjectiveWithMeasuresResponse,
  PlanDetail,
  PlanDetailResponse,
  PlanListResponse,
  PlanSummary,
  PlanVersionQuery,
  PlanVersionTree,
  PlanVersionTreeResponse,
  PlansService,
  SuccessMeasure,
  SuccessMeasureResponse,
  UpdateAimDto,
  UpdateMeasureDto,
  UpdateObjectiveDto,
  UpdatePlanVersionDto,
} from '@grants/plans';
import { AuthenticatedRequest, CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';
import { assertSomething } from './non-empty-patch';
import { Viewer } from './viewer';

@ApiTags('plans')
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly viewer: Viewer,
  ) {}

  @Public()
  @Get('plans')
  @ApiOperation({ summary: 'The plans and their versions (draft versions only for officers)' })
  @ApiOkResponse({ type: PlanListResponse })
  async list(@Req() req: AuthenticatedRequest): Promise<{ items: PlanSummary[] }> {
    return { items: await this.plans.listPlans({ includeDrafts: await this.viewer.seesDrafts(req) }) };
  }

  @Public()
  @Get('plans/:id')
  @ApiOperation({
    summary: 'A plan with its versions and one version’s tree: aims → objectives → success measures',
    description: '`?version=` picks a version by number; otherwise the latest published version is shown.',
  })
  @ApiOkResponse({ type: PlanDetailResponse })
  async get(
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PlanVersionQuery,
  ): Promise<PlanDetail> {
    return this.plans.getPlan(id, { includeDrafts: await this.viewer.seesDrafts(req) }, query.version);
  }

  @Public()
  @Get('plan-versions/:id')
  @ApiOperation({ summary: 'A plan version’s tree (a draft is 404 except to officers)' })
  @ApiOkResponse({ type: PlanVersionTreeResponse })
  async version(
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<PlanVersionTree> {
    return this.plans.getVersion(id, { includeDrafts: await this.viewer.seesDrafts(req) });
  }

  @Roles(Role.Admin)
  @Post('plans/:id/versions')
  @ApiOperation({
    summary: 'Start a variation: a new draft version copying the latest one (409 if a draft exists)',
  })
  @ApiCreatedResponse({ type: PlanVersionTreeResponse })
  createVersion(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreatePlanVersionDto,
  ): Promise<PlanVersionTree> {
    return this.plans.createVersion(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Patch('plan-versions/:id')
  @ApiOperation({ summary: 'Change a draft version’s label, notes or effective date (409 once published)' })
  @ApiOkResponse({ type: PlanVersionTreeResponse })
  updateVersion(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdatePlanVersionDto,
  ): Promise<PlanVersionTree> {
    assertSomething(body);
    return this.plans.updateVersion(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('plan-versions/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft version; from then on it is immutable' })
  @ApiOkResponse({ type: PlanVersionTreeResponse })
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PlanVersionTree> {
    return this.plans.publishVersion(id, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('plan-versions/:id/aims')
  @ApiOperation({ summary: 'Add an aim to a draft version' })
  @ApiCreatedResponse({ type: AimResponse })
  addAim(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateAimDto,
  ): Promise<Aim> {
    return this.plans.addAim(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Patch('aims/:id')
  @ApiOperation({ summary: 'Change an aim of a draft version' })
  @ApiOkResponse({ type: AimResponse })
  updateAim(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateAimDto,
  ): Promise<Aim> {
    assertSomething(body);
    return this.plans.updateAim(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Delete('aims/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an aim with no objectives from a draft version' })
  @ApiNoContentResponse({ description: 'Removed' })
  deleteAim(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.plans.deleteAim(id, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('plan-versions/:id/objectives')
  @ApiOperation({ summary: 'Add an objective to a draft version' })
  @ApiCreatedResponse({ type: ObjectiveWithMeasuresResponse })
  addObjective(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateObjectiveDto,
  ): Promise<ObjectiveWithMeasures> {
    return this.plans.addObjective(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Patch('objectives/:id')
  @ApiOperation({
    summary: 'Change, renumber or move an objective of a draft version (a taken number is 409)',
  })
  @ApiOkResponse({ type: ObjectiveWithMeasuresResponse })
  updateObjective(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateObjectiveDto,
  ): Promise<ObjectiveWithMeasures> {
    assertSomething(body);
    return this.plans.updateObjective(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Delete('objectives/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an objective (and its measures) from a draft version' })
  @ApiNoContentResponse({ description: 'Removed' })
  deleteObjective(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.plans.deleteObjective(id, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('objectives/:id/measures')
  @ApiOperation({ summary: 'Add a success measure to an objective of a draft version' })
  @ApiCreatedResponse({ type: SuccessMeasureResponse })
  addMeasure(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateMeasureDto,
  ): Promise<SuccessMeasure> {
    return this.plans.addMeasure(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Patch('success-measures/:id')
  @ApiOperation({
    summary: 'Change a success measure, or move it to another objective of the same draft version',
  })
  @ApiOkResponse({ type: SuccessMeasureResponse })
  updateMeasure(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateMeasureDto,
  ): Promise<SuccessMeasure> {
    assertSomething(body);
    return this.plans.updateMeasure(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Delete('success-measures/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a success measure from a draft version' })
  @ApiNoContentResponse({ description: 'Removed' })
  deleteMeasure(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.plans.deleteMeasure(id, actorFrom(user, Role.Admin));
  }
}
