import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@grants/applications';
import { APP_CONFIG, AppConfig } from '@grants/config';
import { DOCUMENT_STORAGE } from './document-storage';
import { DocumentsService } from './documents.service';
import { LocalDiskStorage } from './local-disk-storage';

@Module({
  imports: [ApplicationsModule],
  providers: [
    DocumentsService,
    {
      provide: DOCUMENT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskStorage(config.documents.dir),
    },
  ],
  exports: [DocumentsService, DOCUMENT_STORAGE],
})
export class DocumentsModule {}
