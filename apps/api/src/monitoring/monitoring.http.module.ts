import { Module } from '@nestjs/common';
import { MonitoringModule } from '@grants/monitoring';
import { MonitoringController } from './monitoring.controller';

@Module({ imports: [MonitoringModule], controllers: [MonitoringController] })
export class MonitoringHttpModule {}
