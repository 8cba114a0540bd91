import { Module } from '@nestjs/common';
import { AccountsModule } from '@grants/accounts';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';

/** Re-exports AccountsModule so the app-wide session guard can resolve SignInService. */
@Module({
  imports: [AccountsModule],
  controllers: [AuthController, MeController, UsersController],
  exports: [AccountsModule],
})
export class AccountsHttpModule {}
