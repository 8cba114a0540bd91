export * from './profile-file';
export * from './load-profile';
export * from './profile-seeder';
export * from './demo-round';
export * from './demo-users';
