import { Module } from '@nestjs/common';
import { EmailMessages } from './email-messages';
import { MailService } from './mail.service';

@Module({ providers: [MailService, EmailMessages], exports: [MailService, EmailMessages] })
export class NotificationsModule {}
