export * from './email-message.entity';
export * from './email-messages';
export * from './email-templates';
export * from './mail.service';
export * from './notifications.module';
export * from './notification-templates';
