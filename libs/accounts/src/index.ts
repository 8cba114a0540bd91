export * from './role';
export * from './auth-user';
