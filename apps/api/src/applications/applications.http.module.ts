import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { ApplicationsController } from './applications.controller';
import { InformationRequestsController } from './information-requests.controller';

@Module({
  imports: [ApplicationsModule],
  controllers: [ApplicationsController, InformationRequestsController],
})
export class ApplicationsHttpModule {}
