export * from './reports';
export * from './reports-csv';
export * from './fund-year-reports.service';
export * from './measures-report.service';
export * from './reporting.dto';
export * from './reporting.responses';
export * from './reporting.module';
