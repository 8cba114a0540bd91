import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import { DomainError, FieldError, Page } from '@grants/common';
import {
  CopyRoundDto,
  CreateRoundDto,
  ListRoundsQuery,
  RoundDetailResponse,
  RoundDetailView,
  RoundPageResponse,
  RoundSummaryView,
  RoundsService,
  UpdateRoundDto,
} from '@grants/rounds';
import { AuthenticatedRequest, CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';
import { assertSomething } from './non-empty-patch';
import { Viewer } from './viewer';

/** The DTO checked the shape; this refuses shapes that are not real instants (month 13, hour 25). */
function instants<K extends string>(body: Partial<Record<K, string>>, fields: K[]): Partial<Record<K, Date>> {
  const out: Partial<Record<K, Date>> = {};
  const errors: FieldError[] = [];
  for (const field of fields) {
    const raw = body[field];
    if (raw === undefined) continue;
    const date = new Date(raw);
    if (
      Number.isNaN(date.getTime()) ||
      !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d/.test(raw)
    ) {
      errors.push({ field, message: 'must be a real instant' });
    } else out[field] = date;
  }
  if (errors.length) throw DomainError.invalid(errors);
  return out;
}

@ApiTags('rounds')
@Controller('rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly viewer: Viewer,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Published rounds, oldest first, optionally by status (open, upcoming, closed)',
    description: 'Officers also see rounds still being set up when no status is given.',
  })
  @ApiOkResponse({ type: RoundPageResponse })
  async list(
    @Req() req: AuthenticatedRequest,
    @Query() query: ListRoundsQuery,
  ): Promise<Page<RoundSummaryView>> {
    return this.rounds.list(query, { includeDrafts: await this.viewer.seesDrafts(req) });
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary:
      'A round: fund and year, plan version, the objectives it funds with their measures, limits, window, phase',
    description: 'A round still being set up is 404 except to officers.',
  })
  @ApiOkResponse({ type: RoundDetailResponse })
  async get(
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<RoundDetailView> {
    // Anonymous readers are the hot path: only a request that carries credentials pays for a session lookup.
    const includeDrafts = await this.viewer.seesDrafts(req);
    return this.rounds.getView(id, { includeDrafts });
  }

  @Roles(Role.Admin)
  @Post()
  @ApiOperation({ summary: 'Create a round (unpublished until POST /rounds/:id/publish)' })
  @ApiCreatedResponse({ type: RoundDetailResponse })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateRoundDto): Promise<RoundDetailView> {
    const { opensAt, closesAt } = instants(body, ['opensAt', 'closesAt']);
    const round = await this.rounds.create(
      { ...body, opensAt: opensAt!, closesAt: closesAt! },
      actorFrom(user, Role.Admin),
    );
    return this.rounds.getView(round.id, { includeDrafts: true });
  }

  @Roles(Role.Admin)
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a round',
    description:
      'Once the round has opened its limits, start, objectives, fund year and plan version are frozen (409); ' +
      'title and description may change and closesAt may be extended.',
  })
  @ApiOkResponse({ type: RoundDetailResponse })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateRoundDto,
  ): Promise<RoundDetailView> {
    assertSomething(body);
    const { opensAt, closesAt } = instants(body, ['opensAt', 'closesAt']);
    await this.rounds.update(id, { ...body, opensAt, closesAt }, actorFrom(user, Role.Admin));
    return this.rounds.getView(id, { includeDrafts: true });
  }

  @Roles(Role.Admin)
  @Post(':id/copy')
  @ApiOperation({
    summary: 'Make the next round from this one',
    description:
      'A new draft round with the same limits, objectives, eligibility settings and assessment criteria, ' +
      'a new window, and optionally a new title and fund year. Its terms are checked as for any new round.',
  })
  @ApiCreatedResponse({ type: RoundDetailResponse, description: 'The new draft round' })
  async copy(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CopyRoundDto,
  ): Promise<RoundDetailView> {
    const { opensAt, closesAt } = instants(body, ['opensAt', 'closesAt']);
    const round = await this.rounds.copy(
      id,
      { ...body, opensAt: opensAt!, closesAt: closesAt! },
      actorFrom(user, Role.Admin),
    );
    return this.rounds.getView(round.id, { includeDrafts: true });
  }

  @Roles(Role.Admin)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a round: it becomes visible, and opens at opensAt' })
  @ApiOkResponse({ type: RoundDetailResponse })
  async publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<RoundDetailView> {
    await this.rounds.publish(id, actorFrom(user, Role.Admin));
    return this.rounds.getView(id, { includeDrafts: true });
  }
}
