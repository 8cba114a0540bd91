import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { ApplicationsController } from './applications.controller';

@Module({ imports: [ApplicationsModule], controllers: [ApplicationsController] })
export class ApplicationsHttpModule {}
