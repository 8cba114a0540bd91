import { Module } from '@nestjs/common';
import { FundYearReportsService } from './fund-year-reports.service';
import { MeasuresReportService } from './measures-report.service';
import { ReportQueries } from './report-queries';

@Module({
  providers: [ReportQueries, FundYearReportsService, MeasuresReportService],
  exports: [FundYearReportsService, MeasuresReportService],
})
export class ReportingModule {}
