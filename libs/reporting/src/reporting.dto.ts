import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsUUID } from 'class-validator';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `?format=csv` turns any report into a CSV download of the same figures. */
export class ReportFormatQuery {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description: 'csv: the same figures as an RFC 4180 CSV download (see docs/reporting.md)',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

export class MeasuresReportQuery extends ReportFormatQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The fund year whose awards count (give this, planId, or both: the plan's awards in the year)",
  })
  @IsOptional()
  @IsUUID('all', { message: 'fundYearId must be a UUID' })
  fundYearId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The plan whose awards count and whose measures are listed',
  })
  @IsOptional()
  @IsUUID('all', { message: 'planId must be a UUID' })
  planId?: string;
}

export class PlanPeriodReportQuery extends ReportFormatQuery {
  @ApiProperty({
    format: 'uuid',
    description: 'The plan: its fund years are those starting within its period',
  })
  @IsDefined({ message: 'planId is required' })
  @IsUUID('all', { message: 'planId must be a UUID' })
  planId!: string;
}
