import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { DecisionDto, DecisionResponse, DecisionsService, DecisionView } from '@grants/awards';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AcceptsIdempotencyKey, IdempotencyKey } from '../http/idempotency-key';
import { ParseIdPipe } from '../http/validation';

@ApiTags('decisions and awards')
@Controller('applications/:id/decision')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @Roles(Role.Approver)
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Decide a recommended application: award (an offer with conditions) or refuse',
    description:
      'An approver who has declared no conflict of interest and neither assessed nor moderated the ' +
      'application (403). An award is at most the amount requested and the round maximum (422), within the ' +
      "approver's delegated limit (403), and within the fund year's cap: the commitment is written under a " +
      'lock on the fund year, and an award that does not fit is a 409 giving the amount available. The ' +
      'decision is immutable.',
  })
  @ApiCreatedResponse({ type: DecisionResponse })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecisionDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<DecisionView> {
    return this.decisions.decide(user, id, body, key);
  }

  @Get()
  @ApiOperation({
    summary: 'The decision on an application, with its award',
    description: 'Members of the applying organisation and officers (404 otherwise, and before a decision).',
  })
  @ApiOkResponse({ type: DecisionResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<DecisionView> {
    return this.decisions.get(user, id);
  }
}
