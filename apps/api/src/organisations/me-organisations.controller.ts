import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@grants/accounts';
import { OrganisationListResponse, OrganisationsService, OrganisationView } from '@grants/organisations';
import { CurrentUser } from '../auth/current-user.decorator';

@ApiTags('accounts')
@Controller('me')
export class MeOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'The organisations the signed-in user belongs to, with their role in each' })
  @ApiOkResponse({ type: OrganisationListResponse })
  async list(@CurrentUser() user: AuthUser): Promise<{ items: OrganisationView[] }> {
    return { items: await this.organisations.mine(user) };
  }
}
