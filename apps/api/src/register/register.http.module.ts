import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { ProfileModule } from '@grants/profile';
import { RegisterModule } from '@grants/register';
import { AwardPublicationController } from './award-publication.controller';
import { RegisterAnswerCache } from './answer-cache';
import { RegisterChangeListener } from './register-change-listener';
import { RegisterController } from './register.controller';

@Module({
  imports: [RegisterModule, ProfileModule],
  controllers: [RegisterController, AwardPublicationController],
  providers: [
    {
      provide: RegisterAnswerCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new RegisterAnswerCache(config.http.registerCacheBytes),
    },
    RegisterChangeListener,
  ],
})
export class RegisterHttpModule {}
