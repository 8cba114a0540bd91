export * from './monitoring-report-view';
export * from './monitoring-rules';
export * from './monitoring-reports.service';
export * from './monitoring.dto';
export * from './monitoring.responses';
export * from './monitoring.module';
