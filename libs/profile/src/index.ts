export * from './funder.entity';
export * from './area.entity';
export * from './partnership.entity';
export * from './partnership-area.entity';
export * from './profile.service';
export * from './profile.module';
export * from './dto/profile.responses';
