import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorFrom, AuthUser, Role } from '@grants/accounts';
import {
  CreateFundDto,
  CreateFundYearDto,
  CreateFundingSourceDto,
  FundListResponse,
  FundResponse,
  FundWithYears,
  FundYearResponse,
  FundYearWithSources,
  FundingSource,
  FundingSourceResponse,
  FundsService,
  FundYearPosition,
  FundYearPositionResponse,
  SetToleranceDto,
} from '@grants/funds';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('funds')
@Controller()
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Public()
  @Get('funds')
  @ApiOperation({ summary: 'The funds, each with its years (cap) and funding sources' })
  @ApiOkResponse({ type: FundListResponse })
  async list(): Promise<{ items: FundWithYears[] }> {
    return { items: await this.funds.listFunds() };
  }

  @Public()
  @Get('funds/:id')
  @ApiOperation({ summary: 'One fund with its years (cap) and funding sources' })
  @ApiOkResponse({ type: FundResponse })
  get(@Param('id', ParseIdPipe) id: string): Promise<FundWithYears> {
    return this.funds.getFund(id);
  }

  @Roles(Role.Admin)
  @Post('funds')
  @ApiOperation({ summary: 'Create a fund (a duplicate key is 409)' })
  @ApiCreatedResponse({ type: FundResponse })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateFundDto): Promise<FundWithYears> {
    return this.funds.createFund(body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('funds/:id/years')
  @ApiOperation({ summary: 'Add a financial year with its cap (years of one fund may not overlap)' })
  @ApiCreatedResponse({ type: FundYearResponse })
  addYear(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateFundYearDto,
  ): Promise<FundYearWithSources> {
    return this.funds.addYear(id, body, actorFrom(user, Role.Admin));
  }

  @Roles(Role.Admin)
  @Post('fund-years/:id/sources')
  @ApiOperation({ summary: 'Add a funding source to a fund year' })
  @ApiCreatedResponse({ type: FundingSourceResponse })
  addSource(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateFundingSourceDto,
  ): Promise<FundingSource> {
    return this.funds.addSource(id, body, actorFrom(user, Role.Admin));
  }

  @Public()
  @Get('fund-years/:id/position')
  @ApiOperation({
    summary: "A fund year's money: cap, sources, committed, released, paid, returned, available",
    description:
      'Figures are the totals of the append-only ledger, kept with each entry in the same statement. ' +
      'available = cap − (commitments − releases).',
  })
  @ApiOkResponse({ type: FundYearPositionResponse })
  position(@Param('id', ParseIdPipe) id: string): Promise<FundYearPosition> {
    return this.funds.position(id);
  }

  @Roles(Role.Admin)
  @Post('fund-years/:id/over-allocation-tolerance')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set how far commitments may run over the cap, with a reason (audited)',
    description: '409 if the year already has more committed than the cap plus the new tolerance.',
  })
  @ApiOkResponse({ type: FundYearPositionResponse })
  setTolerance(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SetToleranceDto,
  ): Promise<FundYearPosition> {
    return this.funds.setTolerance(id, body, actorFrom(user, Role.Admin));
  }
}
