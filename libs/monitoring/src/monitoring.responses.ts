import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES } from './monitoring-report-view';

class BudgetLineResponse {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() description!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: 'integer' }) budgetPence!: number;
  @ApiProperty({ type: 'integer', nullable: true }) spentPence!: number | null;
}

class MeasureResponse {
  @ApiProperty({ format: 'uuid' }) measureId!: string;
  @ApiProperty({ example: '8.2' }) code!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'count' }) unit!: string;
  @ApiProperty({ example: 12 }) target!: number;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

class CaseStudyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() story!: string;
  @ApiProperty() consentToPublish!: boolean;
  @ApiProperty({ type: String, nullable: true }) anonymisedStory!: string | null;
}

export class MonitoringReportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) awardId!: string;
  @ApiProperty({ example: 'CSF-2026-000123' }) awardReference!: string;
  @ApiProperty({ type: 'integer', example: 1 }) position!: number;
  @ApiProperty({ enum: ['interim', 'final'] }) kind!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: string;
  @ApiProperty({ description: 'Derived: still owed after its due date' }) overdue!: boolean;
  @ApiProperty({ type: [BudgetLineResponse] }) budget!: BudgetLineResponse[];
  @ApiProperty({ type: [MeasureResponse] }) measures!: MeasureResponse[];
  @ApiProperty({ type: String, nullable: true }) progress!: string | null;
  @ApiProperty({ type: String, nullable: true }) problems!: string | null;
  @ApiProperty({ type: [CaseStudyResponse] }) caseStudies!: CaseStudyResponse[];
  @ApiProperty({ type: 'integer', nullable: true }) unspentPence!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComments!: string | null;
}

export class MonitoringReportListResponse {
  @ApiProperty({ type: [MonitoringReportResponse] }) items!: MonitoringReportResponse[];
}
