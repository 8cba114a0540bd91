import { Module } from '@nestjs/common';
import { AwardsModule } from '@grants/awards';
import { OrganisationsModule } from '@grants/organisations';
import { MonitoringReads } from './monitoring-reads';
import { MonitoringReportsService } from './monitoring-reports.service';

@Module({
  imports: [AwardsModule, OrganisationsModule],
  providers: [MonitoringReportsService, MonitoringReads],
  exports: [MonitoringReportsService],
})
export class MonitoringModule {}
