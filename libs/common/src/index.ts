export * from './error-code';
export * from './domain-error';
export * from './status-machine';
export * from './money';
export * from './clock';
export * from './pagination';
export * from './request-context';
export * from './dates';
