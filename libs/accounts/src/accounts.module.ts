import { Module } from '@nestjs/common';
import { NotificationsModule } from '@grants/notifications';
import { AccountsService } from './accounts.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';

@Module({
  imports: [NotificationsModule],
  providers: [AccountsService, PasswordHasher, SessionsService, SignInThrottleService],
  exports: [AccountsService],
})
export class AccountsModule {}
