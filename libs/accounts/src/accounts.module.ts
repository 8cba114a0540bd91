import { Module } from '@nestjs/common';
import { NotificationsModule } from '@grants/notifications';
import { EmailTokens } from './email-tokens';
import { PasswordHasher } from './password-hasher';
import { PasswordsService } from './passwords.service';
import { RegistrationService } from './registration.service';
import { RegistrationThrottleService } from './registration-throttle.service';
import { SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { StaffUsersService } from './staff-users.service';

@Module({
  imports: [NotificationsModule],
  providers: [
    RegistrationService,
    SignInService,
    PasswordsService,
    StaffUsersService,
    EmailTokens,
    PasswordHasher,
    SessionsService,
    SignInThrottleService,
    RegistrationThrottleService,
  ],
  exports: [RegistrationService, SignInService, PasswordsService, StaffUsersService, PasswordHasher],
})
export class AccountsModule {}
