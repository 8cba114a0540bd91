import { Module } from '@nestjs/common';
import { ProfileModule } from '@grants/profile';
import { RegisterModule } from '@grants/register';
import { AwardPublicationController } from './award-publication.controller';
import { RegisterController } from './register.controller';

@Module({
  imports: [RegisterModule, ProfileModule],
  controllers: [RegisterController, AwardPublicationController],
})
export class RegisterHttpModule {}
