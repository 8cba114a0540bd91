import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { ProfileModule } from '@grants/profile';
import { RegisterModule } from '@grants/register';
import { AwardPublicationController } from './award-publication.controller';
import { RegisterEntryCache } from './entry-cache';
import { RegisterChangeListener } from './register-change-listener';
import { RegisterController } from './register.controller';

@Module({
  imports: [RegisterModule, ProfileModule],
  controllers: [RegisterController, AwardPublicationController],
  providers: [
    {
      provide: RegisterEntryCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new RegisterEntryCache(config.http.registerCacheBytes),
    },
    RegisterChangeListener,
  ],
})
export class RegisterHttpModule {}
