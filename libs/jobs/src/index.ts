export * from './job-contract';
export * from './job-id';
export * from './job-options';
export * from './outbox-message.entity';
export * from './outbox';
export * from './jobs.module';
export * from './redis-connection';
export * from './job-queues';
