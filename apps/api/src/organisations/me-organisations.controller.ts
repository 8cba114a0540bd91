import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '@grants/accounts';
import { OrganisationsService, OrganisationView } from '@grants/organisations';
import { CurrentUser } from '../auth/current-user.decorator';

@ApiTags('accounts')
@Controller('me')
export class MeOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'The organisations the signed-in user belongs to, with their role in each' })
  async list(@CurrentUser() user: AuthUser): Promise<{ items: OrganisationView[] }> {
    return { items: await this.organisations.mine(user) };
  }
}
