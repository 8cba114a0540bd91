import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import {
  AcceptOfferDto,
  AwardChangesService,
  AwardConditionsService,
  AwardPageResponse,
  AwardQueries,
  AwardResponse,
  AwardSummary,
  AwardView,
  ConditionStatusDto,
  ListAwardsQuery,
  MoneyMovementDto,
  OffersService,
  PaymentsService,
  ReasonDto,
  RevocationDto,
  VariationDto,
} from '@grants/awards';
import { Page } from '@grants/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AcceptsIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseIdPipe } from '../http/validation';

@ApiTags('decisions and awards')
@Controller('awards')
export class AwardsController {
  constructor(
    private readonly queries: AwardQueries,
    private readonly offers: OffersService,
    private readonly conditions: AwardConditionsService,
    private readonly payments: PaymentsService,
    private readonly changes: AwardChangesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Awards: the caller’s organisations’ (applicants) or all of them (staff), newest first',
  })
  @ApiOkResponse({ type: AwardPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAwardsQuery): Promise<Page<AwardSummary>> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One award with its conditions (and, for staff, every movement of its money)',
    description: 'Members of the organisation it was made to, and staff (404 otherwise).',
  })
  @ApiOkResponse({ type: AwardResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<AwardView> {
    return this.queries.get(user, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(Role.Applicant)
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Accept the offer: the signatory’s name and position, and every condition confirmed',
    description:
      "The organisation's owner, who signs for it (403 for other members). Every condition must be " +
      'confirmed (422). 409 once the acceptance deadline has passed or the offer is no longer open.',
  })
  @ApiOkResponse({ type: AwardResponse })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AcceptOfferDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AwardView> {
    return this.offers.accept(user, id, body, key);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles(Role.Applicant)
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Decline the offer, saying why: the commitment goes back to the fund year',
    description: "The organisation's owner (403 for other members).",
  })
  @ApiOkResponse({ type: AwardResponse })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AwardView> {
    return this.offers.decline(user, id, body.reason, key);
  }

  @Post(':id/conditions/:conditionId/status')
  @HttpCode(200)
  @Roles(Role.Officer)
  @ApiOperation({
    summary: 'Mark a condition met (with evidence), waived or pending again (with a reason)',
    description: 'While the award is offered or accepted (409 otherwise).',
  })
  @ApiOkResponse({ type: AwardResponse })
  conditionStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('conditionId', ParseIdPipe) conditionId: string,
    @Body() body: ConditionStatusDto,
  ): Promise<AwardView> {
    return this.conditions.setStatus(user, id, conditionId, body);
  }

  @Post(':id/payments')
  @HttpCode(200)
  @Roles(Role.Finance)
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Record a payment (an instalment) to the grant holder',
    description:
      'Only once the offer is accepted (409) and every before-payment condition is met or waived (409); ' +
      'never past the award (422).',
  })
  @ApiOkResponse({ type: AwardResponse })
  pay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: MoneyMovementDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AwardView> {
    return this.payments.pay(user, id, body, key);
  }

  @Post(':id/returns')
  @HttpCode(200)
  @Roles(Role.Finance)
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Record unspent money paid back (or clawed back)',
    description: 'Never more than was paid and not yet returned (422).',
  })
  @ApiOkResponse({ type: AwardResponse })
  recordReturn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: MoneyMovementDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AwardView> {
    return this.payments.recordReturn(user, id, body, key);
  }

  @Post(':id/variations')
  @HttpCode(200)
  @Roles(Role.Approver)
  @ApiOperation({
    summary: 'Vary the award: a reduced amount (the difference is released) or a new end date, with a reason',
  })
  @ApiOkResponse({ type: AwardResponse })
  vary(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: VariationDto,
  ): Promise<AwardView> {
    return this.changes.vary(user, id, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles(Role.Approver)
  @ApiOperation({
    summary: 'Revoke an accepted award for a breach of its conditions, recording any repayment due',
    description: 'What is unpaid goes back to the fund year.',
  })
  @ApiOkResponse({ type: AwardResponse })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RevocationDto,
  ): Promise<AwardView> {
    return this.changes.revoke(user, id, body);
  }
}
