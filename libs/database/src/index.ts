export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './migrate';
export * from './transactions';
export * from './keyset';
export * from './idempotency';
export * from './prepared';
