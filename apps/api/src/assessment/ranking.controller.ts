import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Role } from '@grants/accounts';
import { RankingResponse, RankingService, RankingView } from '@grants/assessment';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';

@ApiTags('rounds')
@Controller('rounds/:id/ranking')
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @Get()
  @Roles(Role.Officer, Role.Approver, Role.Finance, Role.Admin)
  @ApiOperation({
    summary: "The round's assessed applications in order of moderated score, against the money available",
    description:
      'Highest weighted score first (ties: the earlier submission). Each row has its recommended amount and ' +
      'the running total of recommendations still awaiting a decision; withinAvailable marks where that total ' +
      "passes the fund year's available money (cap minus commitments). Decided applications keep their place " +
      'but add nothing (an award is already a commitment).',
  })
  @ApiOkResponse({ type: RankingResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<RankingView> {
    return this.ranking.ranking(user, id);
  }
}
