import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffUsersService, AuthUser, UserView } from '@grants/accounts';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserResponse } from './accounts.responses';

@ApiTags('accounts')
@Controller('me')
export class MeController {
  constructor(private readonly users: StaffUsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.getUser(user.id);
  }
}
