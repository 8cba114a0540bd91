export * from './eligibility-rules';
export * from './eligibility-result.entity';
export * from './eligibility-sources';
export * from './eligibility.service';
export * from './eligibility.module';
export * from './eligibility.responses';
