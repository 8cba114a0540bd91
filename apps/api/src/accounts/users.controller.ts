import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  StaffUsersService,
  AuthUser,
  CreateUserDto,
  ListUsersQuery,
  Role,
  UpdateUserDto,
  UserView,
} from '@grants/accounts';
import { Page } from '@grants/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ParseIdPipe } from '../http/validation';
import { UserPageResponse, UserResponse } from './accounts.responses';

@ApiTags('users')
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an officer account',
    description:
      'Without a password, the new user is emailed a link to choose one. An existing email is a 409.',
  })
  @ApiCreatedResponse({ type: UserResponse })
  create(@CurrentUser() admin: AuthUser, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.createUser(admin, body);
  }

  @Get()
  @ApiOperation({ summary: 'List users, oldest first' })
  @ApiOkResponse({ type: UserPageResponse })
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.listUsers(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', ParseIdPipe) id: string): Promise<UserView> {
    return this.users.getUser(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change roles, name or approval limit, or disable / re-enable a user',
    description: 'Disabling signs the user out everywhere at once.',
  })
  @ApiOkResponse({ type: UserResponse })
  update(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.updateUser(admin, id, body);
  }
}
